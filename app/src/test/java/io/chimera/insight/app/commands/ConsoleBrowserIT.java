package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.analysis.prompt.Labels;
import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.localstack.worker.DefaultNarrative;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The web console in a real browser (headless chromium) over the pipeline {@code chimera up} starts,
 * in this JVM: the embedded broker and registry, every service, a folder watched, the simulator as
 * LLM worker. What a person sees is checked against what the report service wrote.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String MODEL = "console-alpha";
    private static final String SCRIPT_MODEL = "<script>alert(1)</script>";
    /** What the worker answers for the script model: a narrative carrying HTML that would run if it were markup. */
    private static final String HTML_NARRATIVE = """
            {"summary":"Steady. <img src=x onerror=\\"window.xss=true;alert(2)\\"> <script>window.xss=true</script>",\
            "findings":["<b onmouseover=\\"window.xss=true\\">bold</b>"],"recommendations":["Keep it."],\
            "risks":[{"risk":"<iframe src=javascript:alert(3)>","mitigation":"None."}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path watched;
    private Path reports;
    private OllamaSimulator worker;
    private LocalPipeline pipeline;
    private IngestService ingest;
    private WebDriver browser;
    private URI console;

    @BeforeAll
    void startPipelineAndBrowser(@TempDir Path dir) throws Exception {
        browser = HeadlessChromium.start(); // first: without a browser nothing else needs starting
        watched = Files.createDirectories(dir.resolve("watched"));
        reports = dir.resolve("reports");
        worker = new OllamaSimulator(new SimulatorSettings().ttftMs(5).responder(request ->
                // The prompt withholds a name that is not a plain label: the script model's is the one withheld.
                request.promptText().contains("Model: " + Labels.WITHHELD) ? HTML_NARRATIVE : DefaultNarrative.TEXT))
                .start();
        CommandLine cli = ChimeraCli.commandLine();
        cli.parseArgs("up", "--watch", watched.toString(), "--data-dir", dir.resolve("data").toString(),
                "--reports", reports.toString(), "--http-port", "0", "--query-port", "-1",
                "--llm", worker.baseUrl(), "--settle", "200", "--debounce", "300");
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        pipeline = LocalPipeline.start(up.pipelineOptions());
        ingest = pipeline.factory().ingest(up.ingest.target("console-ingest"), up.watch.folders(),
                up.watch.watchOptions(), outcome -> { });
        ingest.start();
        console = pipeline.consoleUri();

        Files.writeString(watched.resolve("alpha.csv"), csv(MODEL, 100));
        Files.writeString(watched.resolve("script.csv"), csv(SCRIPT_MODEL, 40));
        Files.writeString(watched.resolve("broken.json"), "{\"model\": \"console-alpha\", \"runs\": [");
        await().atMost(WAIT).until(() -> reportOf(MODEL) != null && reportOf(SCRIPT_MODEL) != null
                && Files.isRegularFile(reports.resolve("dead-letters.md")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        Stream.of(ingest, pipeline, worker).filter(c -> c != null).forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Two configurations with three runs each, tokens/s around {@code base}. */
    private static String csv(String model, int base) {
        StringBuilder csv = new StringBuilder("model,num_ctx,tokens_per_s,ttft_ms,load_duration_ms\n");
        for (int run = 0; run < 3; run++) {
            csv.append('"').append(model.replace("\"", "\"\"")).append("\",2048,").append(base + run).append(',')
                    .append(120 + run).append(",50\n");
            csv.append('"').append(model.replace("\"", "\"\"")).append("\",4096,").append(base - 10 + run)
                    .append(',').append(140 + run).append(",52\n");
        }
        return csv.toString();
    }

    /** The slug folder of {@code model}'s report, found by the model named in its latest.json; null while none. */
    private Path reportOf(String model) throws Exception {
        if (!Files.isDirectory(reports)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(reports)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Path json = folder.resolve("latest.json");
                if (Files.isRegularFile(json) && JSON.readTree(json.toFile()).path("model").asText().equals(model)) {
                    return folder;
                }
            }
        }
        return null;
    }

    /**
     * The cells of {@code folder}'s row as the page shows them: text and {@code data-value}, read in one
     * script, since the page may replace its rows between two calls of the driver.
     */
    @SuppressWarnings("unchecked")
    private List<List<String>> cellsOf(Path folder) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript("""
                var row = document.querySelector("#models tr[data-slug='" + arguments[0] + "']");
                return row === null ? null : Array.prototype.map.call(row.cells,
                    function (td) { return [td.innerText, td.getAttribute('data-value')]; });""",
                folder.getFileName().toString());
    }

    /** Waits, reading again when the page replaced what was found (the live rows do). */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void theModelsPageShowsTheTokensPerSecondMedianOfLatestJson() throws Exception {
        Path folder = reportOf(MODEL);
        double p50 = JSON.readTree(folder.resolve("latest.json").toFile()).path("metrics")
                .path(CanonicalMetric.TOKENS_PER_S.canonicalName()).path("p50").asDouble();

        browser.get(console.toString());
        List<String> cell = cellsOf(folder).get(3);

        assertThat(Double.parseDouble(cell.get(1))).isEqualTo(p50);
        String shown = cell.get(0);
        assertThat(shown).endsWith(" tok/s");
        assertThat(Double.parseDouble(shown.replace(" tok/s", ""))).as("printed to the report's precision")
                .isCloseTo(p50, org.assertj.core.data.Offset.offset(0.05));
        HeadlessChromium.screenshot(browser, "models");
    }

    @Test
    void clickingAModelShowsItsReportWithItsChartsLoaded() throws Exception {
        browser.get(console.toString());
        waiting().until(d -> {
            d.findElement(By.linkText(MODEL)).click();
            return true;
        });

        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("Benchmark report: " + MODEL));
        List<WebElement> charts = browser.findElements(By.cssSelector("img.chart"));
        try (Stream<Path> files = Files.list(reportOf(MODEL))) {
            assertThat(charts).as("every chart the report service wrote")
                    .hasSize((int) files.filter(f -> f.toString().endsWith(".svg")).count()).isNotEmpty();
        }
        for (WebElement chart : charts) {
            waiting().until(d -> (Boolean) ((JavascriptExecutor) d)
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
        }
        String folder = "/models/" + reportOf(MODEL).getFileName() + "/";
        assertThat(browser.findElements(By.cssSelector("aside.side a")).stream().map(a -> a.getDomAttribute("href")))
                .contains(folder + "latest.json", folder + "configs.csv");
        HeadlessChromium.screenshot(browser, "model");
    }

    @Test
    void aNewFileInTheWatchedFolderShowsOnTheModelsPageWithoutAReload() throws Exception {
        browser.get(console.toString());
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.sameDocument = true;");
        assertThat(browser.findElements(By.xpath("//a[text()='console-beta']"))).isEmpty();

        Files.writeString(watched.resolve("beta.csv"), csv("console-beta", 70));

        waiting().until(d -> !d.findElements(By.xpath("//a[text()='console-beta']")).isEmpty());
        assertThat(page.executeScript("return window.sameDocument === true")).as("the page was not reloaded")
                .isEqualTo(true);
        assertThat(cellsOf(reportOf("console-beta")).get(1)).as("its runs").containsExactly("6", "6");
        JsonNode feed = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                console.resolve("/api/models.json")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode changes = null;
        for (JsonNode model : feed.path("models")) {
            if (model.path("model").asText().equals("console-beta")) {
                changes = model.path("changes");
            }
        }
        assertThat(changes).as("console-beta in the feed").isNotNull();
        assertThat(cellsOf(reportOf("console-beta")).get(6)).as("its changes, as the live feed states them")
                .containsExactly(changes.path("text").asText(), changes.path("value").isNull() ? ""
                        : changes.path("value").asText());
    }

    @Test
    void scriptInAModelNameOrANarrativeNeverRunsAndIsShownAsText() throws Exception {
        Path folder = reportOf(SCRIPT_MODEL);
        browser.get(console.toString());
        assertThat(cellsOf(folder).get(0)).as("the name shown as text").containsExactly(SCRIPT_MODEL, SCRIPT_MODEL);
        assertNothingRan();

        browser.get(console.resolve("/models/" + folder.getFileName() + "/").toString());
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().contains(SCRIPT_MODEL));
        String text = browser.findElement(By.tagName("article")).getText();
        assertThat(text).contains("<img src=x onerror=\"window.xss=true;alert(2)\">")
                .contains("<b onmouseover=\"window.xss=true\">bold</b>");
        assertThat(browser.findElements(By.cssSelector("article img:not(.chart), article iframe, article b"))).isEmpty();
        assertNothingRan();
        HeadlessChromium.screenshot(browser, "script-model");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("script-src 'self'").contains("style-src 'self'");
    }

    private void assertNothingRan() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.xss === undefined")).isEqualTo(true);
    }

    @Test
    void theOpsAndDeadLetterPagesShowThePipelinesFiguresLive() throws Exception {
        browser.get(console.resolve("/ops").toString());

        waiting().until(d -> d.findElement(By.id("live")).getText().startsWith("live"));
        assertThat(browser.findElement(By.id("tile-lag-total")).getText()).as("reports written, with their lag")
                .matches(".+ (ms|s) / .+ (ms|s) \\([1-9][0-9]* reports\\)");
        assertThat(browser.findElement(By.id("dead-letters")).getText()).contains("ingest.parse");
        HeadlessChromium.screenshot(browser, "ops");

        browser.get(console.resolve("/dead-letters").toString());
        assertThat(browser.findElement(By.tagName("article")).getText()).contains("broken.json")
                .contains("ingest.parse");
        HeadlessChromium.screenshot(browser, "dead-letters");
    }
}
