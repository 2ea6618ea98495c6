package io.chimera.insight.report.console;

import io.chimera.insight.report.render.ConfigsCsvRenderer;
import io.chimera.insight.report.store.ReportStore;
import java.util.List;

/**
 * {@code /models/<slug>/}: a model's report rendered from its Markdown, charts and all (their links
 * are relative, so they load from the same folder), with its earlier versions and its files for
 * machines beside it. An earlier version is shown the same way.
 */
final class ModelPage {

    private ModelPage() {
    }

    /**
     * @param shown    the version shown: {@code latest.md} or a timestamped copy
     * @param markdown its content
     * @param versions the earlier versions, newest first
     * @param hasCsv   whether the folder has configs.csv
     */
    static String render(ModelRow row, String shown, String markdown, List<String> versions, boolean hasCsv) {
        String slug = Html.escape(row.slug());
        StringBuilder body = new StringBuilder();
        body.append("<div class=\"report-layout\"><article class=\"report\">");
        if (!shown.equals(ReportStore.LATEST_MARKDOWN)) {
            body.append("<p class=\"notice\">An earlier version (").append(Html.escape(shown))
                    .append("). <a href=\"/models/").append(slug).append("/\">The latest report</a>.</p>");
        }
        body.append(ConsoleMarkdown.toHtml(markdown)).append("</article><aside class=\"side\">");
        body.append("<h2>").append(Html.escape(row.model())).append("</h2><p><span class=\"status ")
                .append(ModelsPage.statusClass(row.status())).append("\">").append(Html.escape(row.statusText()))
                .append("</span></p><h3>Files</h3><ul class=\"files\">")
                .append("<li><a href=\"/models/").append(slug).append("/latest.json\">latest.json</a></li>");
        if (hasCsv) {
            body.append("<li><a href=\"/models/").append(slug).append('/').append(ConfigsCsvRenderer.FILE).append("\">")
                    .append(ConfigsCsvRenderer.FILE).append("</a></li>");
        }
        body.append("</ul><h3>Versions</h3><ul class=\"versions\"><li><a href=\"/models/").append(slug)
                .append("/\">latest</a></li>");
        for (String version : versions) {
            body.append("<li><a href=\"/models/").append(slug).append('/').append(Html.escape(version)).append("\">")
                    .append(Html.escape(version.substring(0, version.length() - 3))).append("</a></li>");
        }
        if (versions.isEmpty()) {
            body.append("<li class=\"muted\">none earlier</li>");
        }
        body.append("</ul></aside></div>");
        return Page.render(row.model(), Page.Nav.MODELS, "model", body.toString());
    }
}
