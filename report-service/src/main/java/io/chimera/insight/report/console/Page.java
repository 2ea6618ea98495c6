package io.chimera.insight.report.console;

/**
 * The frame every console page shares: the stylesheet and the one script (both served from the
 * jar, no inline code: the Content-Security-Policy forbids it), the navigation, and a
 * {@code data-page} the script reads to know what to keep live. Without JavaScript a page is
 * complete as served; the script only refreshes it.
 */
final class Page {

    /** The pages in the navigation: path, label, and the {@code data-page} name. */
    enum Nav {
        MODELS("/", "Models"), OPS("/ops", "Ops"), DEAD_LETTERS(WebConsole.DEAD_LETTERS_PATH, "Dead letters");

        final String path;
        final String label;

        Nav(String path, String label) {
            this.path = path;
            this.label = label;
        }
    }

    private Page() {
    }

    /**
     * A whole page.
     *
     * @param title plain text, escaped here
     * @param body  HTML, escaped by its page
     */
    static String render(String title, Nav current, String dataPage, String body) {
        StringBuilder html = new StringBuilder(body.length() + 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append(" · Chimera Insight</title>")
                .append("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head>\n")
                .append("<body data-page=\"").append(dataPage).append("\">")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">Chimera Insight</a><nav>");
        for (Nav nav : Nav.values()) {
            html.append("<a href=\"").append(nav.path).append('"')
                    .append(nav == current ? " class=\"current\" aria-current=\"page\"" : "").append('>')
                    .append(nav.label).append("</a>");
        }
        html.append("</nav><span id=\"live\" class=\"live\" hidden></span></header>\n<main>")
                .append(body)
                .append("</main>\n<footer>Served by the report service from its reports folder and the pipeline's "
                        + "own meters. <a href=\"/metrics\">/metrics</a> · <a href=\"/health\">/health</a></footer>")
                .append("</body></html>\n");
        return html.toString();
    }
}
