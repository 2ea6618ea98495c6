package io.chimera.insight.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.platform.ops.Health;
import io.chimera.insight.platform.ops.OpsHttpServer;
import io.chimera.insight.platform.ops.OpsRegistry;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.stats.FigureFormat;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.report.chart.RenderedChart;
import io.chimera.insight.report.chart.ReportCharts;
import io.chimera.insight.report.render.ChartLink;
import io.chimera.insight.report.render.ConfigsCsvRenderer;
import io.chimera.insight.report.render.MarkdownReportRenderer;
import io.chimera.insight.report.render.ReportFixtures;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import io.chimera.insight.report.store.ReportStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over a reports folder the real renderers and store wrote, served by the real ops HTTP
 * server: what it answers, with which headers, and that benchmark data never becomes markup.
 */
class WebConsoleTest {

    static final String SCRIPT_MODEL = "<script>alert(1)</script>";
    static final String HTML_NARRATIVE = "Fast. <img src=x onerror=\"window.xss=true\"> <b>bold</b> "
            + "[link](javascript:alert(1))";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private OpsRegistry registry;
    private OpsHttpServer server;
    private WebConsole console;

    @BeforeEach
    void serve() throws Exception {
        registry = OpsRegistry.shared();
        server = OpsHttpServer.start("127.0.0.1", 0, registry, new Health());
        console = new WebConsole(reports, registry.registry());
        server.mount(console);
    }

    @AfterEach
    void stop() {
        console.close();
        server.close();
        registry.close();
    }

    /** Writes a complete report for {@code model} with {@code summary} as the LLM's, as the report service does. */
    static String writeReport(Path reports, String model, String summary) throws Exception {
        return writeReport(reports, ModelMetrics.newBuilder(ReportFixtures.metrics()).setModel(model).build(), summary);
    }

    /** Writes a complete report of {@code metrics} with {@code summary} as the LLM's, as the report service does. */
    static String writeReport(Path reports, ModelMetrics metrics, String summary) throws Exception {
        String model = metrics.getModel();
        AnalysisResult complete = ReportFixtures.complete();
        AnalysisResult analysis = AnalysisResult.newBuilder(complete).setModel(model).setMetrics(metrics)
                .setNarrative(Narrative.newBuilder(complete.getNarrative()).setSummary(summary).build()).build();
        List<RenderedChart> charts = ReportCharts.render(metrics);
        ReportInput input = ReportInput.of(analysis, ReportFixtures.inventory(),
                charts.stream().map(c -> new ChartLink(c.fileName(), c.title())).toList());
        Map<String, String> beside = new LinkedHashMap<>();
        charts.forEach(chart -> beside.put(chart.fileName(), chart.svg()));
        ConfigsCsvRenderer.render(metrics).ifPresent(csv -> beside.put(ConfigsCsvRenderer.FILE, csv));
        ReportStore store = new ReportStore(reports);
        store.write(model, new MarkdownReportRenderer().render(input), new ReportJsonRenderer().render(input), beside,
                ReportCharts.FILE_NAMES, Instant.parse("2026-11-28T10:00:06Z"));
        return store.folderOf(model).getFileName().toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEmptyFolderSaysWhatToDo() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("No report yet").contains("chimera up --watch DIR");
    }

    @Test
    void theModelsPageListsEachReportWithItsMedianFromLatestJson() throws Exception {
        String slug = writeReport(reports, "gemma3:270m", "Steady.");

        String body = get("/").body();

        assertThat(body).contains("href=\"/models/" + slug + "/\">gemma3:270m</a>")
                .contains("data-value=\"287.0\">287 <span class=\"unit\">tok/s</span>")
                .contains("best: num_ctx=1024, num_gpu=999").contains("status ok");
        assertThat(get("/api/models.json").body()).contains("\"slug\":\"" + slug + "\"")
                .contains("\"tps\":{\"value\":287.0,\"text\":\"287\",\"unit\":\"tok/s\"}");
    }

    /** gemma3:latest's shape: 2 runs without configuration, two configurations of one run each. */
    @Test
    void theBestConfigurationCellSaysWhatTheReportAndIndexSay() throws Exception {
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setModel("gemma3:latest")
                .setConfigs(List.of(config("", Map.of(), 2, 98.6, 6),
                        config("num_ctx=2048", Map.of("num_ctx", "2048"), 1, 97, 0),
                        config("num_ctx=4096", Map.of("num_ctx", "4096"), 1, 99, 0))).build();
        writeReport(reports, metrics, "Steady.");

        String expected = FigureFormat.NO_CONFIGURATION + " (only one with 2+ runs: not ranked)";
        assertThat(get("/").body()).contains("<td class=\"finding\" data-value=\"" + Html.escape(expected) + "\">")
                .doesNotContain("best: ").doesNotContain("no parameters set");
        assertThat(get("/api/models.json").body()).contains("\"finding\":\"" + expected + "\"");
    }

    private static ConfigStats config(String key, Map<String, String> config, long runs, double mean, double sd) {
        return ConfigStats.newBuilder(ReportFixtures.metrics().getConfigs().get(0)).setConfigKey(key).setConfig(config)
                .setRuns(runs).setFailedRuns(0).setColdRuns(0)
                .setMetrics(Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", runs, mean, sd, mean - sd, mean,
                        mean + sd, mean + sd, mean + sd)))
                .setWarmMetrics(Map.of()).build();
    }

    /**
     * The Changes column counts latest.json's standing changes by direction: red with a regression, green
     * with improvements only, "none" when detection watched and found nothing, "–" when it did not run.
     */
    @Test
    void theChangesColumnCountsStandingChangesFromLatestJson() throws Exception {
        String regressing = withChanges(writeReport(reports, "a-regressing", "Slower."), 4, "REGRESSION");
        String improving = withChanges(writeReport(reports, "b-improving", "Faster."), 4, "IMPROVEMENT", "IMPROVEMENT");
        String steady = withChanges(writeReport(reports, "c-steady", "Steady."), 4);
        String unwatched = withChanges(writeReport(reports, "d-unwatched", "Steady."), 0);
        String undetected = withoutDetection(writeReport(reports, "e-undetected", "Steady."));

        String page = get("/").body();
        JsonNode feed = JSON.readTree(get("/api/models.json").body()).path("models");

        assertThat(page).contains("<th scope=\"col\" data-key=\"changes\" data-type=\"num\">Changes</th>");
        assertThat(rowOf(page, regressing)).contains("<td class=\"changes\" data-value=\"1000000\">"
                + "<span class=\"status failed\">1 regression, 0 improvements</span></td>");
        assertThat(rowOf(page, improving)).contains("<td class=\"changes\" data-value=\"2\">"
                + "<span class=\"status ok\">0 regressions, 2 improvements</span></td>");
        assertThat(rowOf(page, steady)).contains("<td class=\"changes\" data-value=\"0\">none</td>");
        assertThat(rowOf(page, unwatched)).contains("<td class=\"changes\" data-value=\"\">–</td>");
        assertThat(rowOf(page, undetected)).contains("<td class=\"changes\" data-value=\"\">–</td>");
        assertThat(feed).extracting(model -> model.path("changes").path("text").asText())
                .containsExactly("1 regression, 0 improvements", "0 regressions, 2 improvements", "none", "–", "–");
        assertThat(feed).extracting(model -> model.path("changes").path("statusClass").asText())
                .containsExactly("failed", "ok", "", "", "");
        assertThat(feed.get(0).path("changes").path("value").asLong()).isEqualTo(1_000_000);
        assertThat(feed.get(4).path("changes").path("value").isNull()).as("sorted last").isTrue();
    }

    /** Gives a written report's latest.json the change-detection fields the report renders (ChangesSection). */
    private String withChanges(String slug, int watchedSeries, String... directions) throws Exception {
        Path json = reports.resolve(slug).resolve(ReportStore.LATEST_JSON);
        ObjectNode report = (ObjectNode) JSON.readTree(json.toFile());
        ArrayNode changes = report.putArray("changes");
        for (String direction : directions) {
            changes.addObject().put("metric", "tokens_per_s").put("direction", direction);
        }
        report.putObject("changeDetection").put("watchedSeries", watchedSeries).putArray("watchedMetrics")
                .add("tokens_per_s");
        Files.writeString(json, JSON.writeValueAsString(report));
        return slug;
    }

    /** Gives a written report's latest.json the fields the report renders when detection was off. */
    private String withoutDetection(String slug) throws Exception {
        Path json = reports.resolve(slug).resolve(ReportStore.LATEST_JSON);
        ObjectNode report = (ObjectNode) JSON.readTree(json.toFile());
        report.putArray("changes");
        report.putNull("changeDetection");
        Files.writeString(json, JSON.writeValueAsString(report));
        return slug;
    }

    private static String rowOf(String page, String slug) {
        int start = page.indexOf("<tr data-slug=\"" + slug + "\">");
        assertThat(start).as(slug + "'s row").isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void aModelsPageRendersItsMarkdownWithItsChartsServedAsSvg() throws Exception {
        String slug = writeReport(reports, "gemma3:270m", "Steady.");

        HttpResponse<String> page = get("/models/" + slug + "/");
        HttpResponse<String> chart = get("/models/" + slug + "/tokens-per-s-by-config.svg");

        assertThat(page.body()).contains("<h1>Benchmark report: gemma3:270m</h1>")
                .contains("<img src=\"tokens-per-s-by-config.svg\" alt=\"Tokens/s by configuration\" class=\"chart\" />")
                .contains("<td align=\"right\">")
                .contains("href=\"/models/" + slug + "/latest.json\"").contains("href=\"/models/" + slug + "/configs.csv\"")
                .contains("20261128T100006Z")
                .as("the report's Changes section").contains("<h2>Changes</h2>").contains("<td>regression</td>");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(chart.headers().firstValue("Content-Security-Policy")).hasValue(WebConsole.CHART_POLICY);
        assertThat(chart.body()).startsWith("<?xml");
        assertThat(get("/models/" + slug).headers().firstValue("Location")).as("relative chart links need the slash")
                .hasValue("/models/" + slug + "/");
        assertThat(get("/models/" + slug + "/20261128T100006Z.md").body()).contains("An earlier version");
    }

    @Test
    void benchmarkDataIsEscapedEverywhereAndRawHtmlInTheNarrativeIsText() throws Exception {
        String slug = writeReport(reports, SCRIPT_MODEL, HTML_NARRATIVE);

        String models = get("/").body();
        String report = get("/models/" + slug + "/").body();

        assertThat(models).doesNotContain(SCRIPT_MODEL).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(report).doesNotContain(SCRIPT_MODEL).doesNotContain("<img src=x").doesNotContain("<b>bold")
                .contains("&lt;img src=x onerror=&quot;window.xss=true&quot;&gt;")
                .doesNotContain("href=\"javascript:");
        assertThat(report.replaceAll("(?s)<script src=\"/static/console.js\" defer></script>", ""))
                .as("no script element but the console's own").doesNotContain("<script");
    }

    @Test
    void everyResponseCarriesAStrictPolicyAndNothingButGetAndHeadIsAllowed() throws Exception {
        writeReport(reports, "gemma3:270m", "Steady.");
        for (String path : List.of("/", "/ops", "/dead-letters", "/api/models.json", "/api/ops.json",
                "/static/console.js", "/nowhere")) {
            assertThat(get(path).headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(WebConsole.PAGE_POLICY);
        }
        assertThat(WebConsole.PAGE_POLICY).contains("default-src 'self'").contains("script-src 'self'")
                .contains("style-src 'self'").doesNotContain("unsafe");

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void nothingOutsideTheReportsFolderIsServed() throws Exception {
        String slug = writeReport(reports, "gemma3:270m", "Steady.");
        java.nio.file.Files.writeString(reports.getParent().resolve("secret.json"), "{}");

        for (String path : List.of("/models/" + slug + "/..%2F..%2Fsecret.json", "/models/../secret.json",
                "/models/" + slug + "/.hidden.json", "/models/" + slug + "/latest.md.bak", "/static/../console.css",
                "/models/nope/", "/models/" + slug + "/%2e%2e/%2e%2e/secret.json")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(get("/models/" + slug + "/latest.json").headers().firstValue("Content-Type"))
                .hasValue("application/json");
        assertThat(get("/models/" + slug + "/configs.csv").headers().firstValue("Content-Type"))
                .hasValue("text/csv; charset=utf-8");
    }

    @Test
    void theOpsPageShowsThePipelinesOwnMeters() throws Exception {
        PipelineMetrics report = registry.pipeline("report");
        PipelineMetrics analyze = registry.pipeline("analyze");
        analyze.inflight("gpu-a");
        report.reportWritten(ReportStatus.values()[0], Duration.ofMillis(1500));
        report.deadLetter("report");

        String page = get("/ops").body();
        String json = get("/api/ops.json").body();

        assertThat(page).contains("Generation lag p50").contains("<td>gpu-a</td>").contains("<td>report</td>")
                .contains("<polyline id=\"spark-lag-p50\"");
        assertThat(json).contains("\"inflight\":[{\"name\":\"gpu-a\",\"count\":\"1\"}]")
                .contains("\"lag-total\":\"");
        assertThat(page).as("the lag since start, from the histogram: 1.5 s within its bucket")
                .containsPattern("id=\"tile-lag-total\">1\\.[0-9]+ s / 1\\.[0-9]+ s \\(1 reports\\)");
    }
}
