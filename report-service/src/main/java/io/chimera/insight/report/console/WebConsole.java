package io.chimera.insight.report.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import io.chimera.insight.report.render.ConfigsCsvRenderer;
import io.chimera.insight.report.store.ReportStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: pages for people over the report store and the pipeline's own meters, served on
 * the report service's HTTP port beside /metrics and /health (mounted on its ops server). Read-only:
 * GET and HEAD, anything else 405. Every response carries a strict Content-Security-Policy (scripts,
 * styles and images from the console itself only, no inline script or style), and everything from
 * benchmark data is escaped ({@link Html}, {@link ConsoleMarkdown}). Its assets are in the jar.
 */
public final class WebConsole implements HttpHandler, AutoCloseable {

    static final String DEAD_LETTERS_PATH = "/dead-letters";

    /** Pages, feeds and assets: nothing but the console's own files, no inline code, no framing. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /**
     * A report's SVG chart: JFreeSVG styles its elements with style attributes, which are allowed
     * here; scripts never are.
     */
    static final String CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    private static final Logger log = LoggerFactory.getLogger(WebConsole.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String ASSETS = "/io/chimera/insight/report/console/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final Map<String, String> FILE_TYPES = Map.of(
            ".svg", "image/svg+xml",
            ".json", "application/json",
            ".csv", "text/csv; charset=utf-8",
            ".md", "text/markdown; charset=utf-8");

    private final ReportShelf shelf;
    private final OpsHistory history;
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chimera-console-sampler"));

    /**
     * @param reports the report service's folder
     * @param meters  the registry the pipeline's meters are recorded into
     */
    public WebConsole(Path reports, MeterRegistry meters) {
        this.shelf = new ReportShelf(reports);
        this.history = new OpsHistory(meters, Clock.systemUTC());
    }

    /** Starts reading the meters every {@link OpsHistory#STEP}, for the ops page's charts. */
    public WebConsole start() {
        sampler.scheduleAtFixedRate(() -> {
            try {
                history.sample();
            } catch (RuntimeException e) { // thrown out of a scheduled task, it would end the sampling
                log.warn("console: meters not read", e);
            }
        }, 0, OpsHistory.STEP.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", PAGE_POLICY,
                        "the console is read-only: GET and HEAD only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try {
                route(exchange, exchange.getRequestURI().getPath());
            } catch (IOException | RuntimeException e) {
                log.warn("console: {} failed", exchange.getRequestURI().getPath(), e);
                text(exchange, 500, "the console could not answer: " + e.getMessage() + "\n");
            }
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/")) {
            html(exchange, 200, ModelsPage.render(shelf.models()));
        } else if (path.equals("/ops")) {
            html(exchange, 200, OpsPage.render(OpsFigures.of(OpsHistory.view(history.samples()))));
        } else if (path.equals(DEAD_LETTERS_PATH)) {
            html(exchange, 200, DeadLettersPage.render(shelf.deadLetters()));
        } else if (path.equals("/api/models.json")) {
            send(exchange, 200, JSON, PAGE_POLICY, bytes(ConsoleJson.models(shelf.models())));
        } else if (path.equals("/api/ops.json")) {
            send(exchange, 200, JSON, PAGE_POLICY,
                    bytes(ConsoleJson.ops(OpsFigures.of(OpsHistory.view(history.samples())))));
        } else if (path.startsWith("/static/")) {
            asset(exchange, path.substring("/static/".length()));
        } else if (path.startsWith("/models/")) {
            model(exchange, path.substring("/models/".length()));
        } else {
            notFound(exchange);
        }
    }

    /** {@code <slug>/} the latest report; {@code <slug>/<version>.md} an earlier one; {@code <slug>/<file>} a file. */
    private void model(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        if (slash < 0) { // /models/<slug>: relative chart links need the trailing slash
            if (shelf.folder(rest).isPresent()) {
                exchange.getResponseHeaders().set("Location", "/models/" + rest + "/");
                send(exchange, 301, "text/plain; charset=utf-8", PAGE_POLICY, new byte[0]);
            } else {
                notFound(exchange);
            }
            return;
        }
        String slug = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        Optional<Path> folder = shelf.folder(slug);
        Optional<ModelRow> row = folder.isEmpty() ? Optional.empty()
                : shelf.models().stream().filter(r -> r.slug().equals(slug)).findFirst();
        if (row.isEmpty()) {
            notFound(exchange);
            return;
        }
        if (name.isEmpty() || ReportShelf.VERSION.matcher(name).matches()) {
            String shown = name.isEmpty() ? ReportStore.LATEST_MARKDOWN : name;
            Optional<Path> markdown = shelf.file(slug, shown);
            if (markdown.isEmpty()) {
                notFound(exchange);
                return;
            }
            html(exchange, 200, ModelPage.render(row.get(), shown, Files.readString(markdown.get()),
                    shelf.versions(folder.get()), shelf.file(slug, ConfigsCsvRenderer.FILE).isPresent()));
            return;
        }
        Optional<String> type = FILE_TYPES.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
        Optional<Path> file = shelf.file(slug, name);
        if (type.isEmpty() || file.isEmpty()) {
            notFound(exchange);
            return;
        }
        send(exchange, 200, type.get(), name.endsWith(".svg") ? CHART_POLICY : PAGE_POLICY,
                Files.readAllBytes(file.get()));
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        String type = ASSET_TYPES.get(name);
        if (type == null) {
            notFound(exchange);
            return;
        }
        try (InputStream in = WebConsole.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                throw new IOException("console asset missing from the jar: " + name);
            }
            send(exchange, 200, type, PAGE_POLICY, in.readAllBytes());
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        html(exchange, 404, Page.render("Not found", null, "none",
                "<h1>Not found</h1><p class=\"empty\">Nothing here. <a href=\"/\">All models</a>.</p>"));
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        send(exchange, status, HTML, PAGE_POLICY, bytes(page));
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", PAGE_POLICY, bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, String policy, byte[] body)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
