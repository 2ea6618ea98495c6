package io.chimera.insight.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.report.render.ReportFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportChartsTest {

    /** Parses the SVG as XML (no DTD, no external entity) and returns the text of its text elements. */
    private static List<String> texts(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList nodes = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static RenderedChart chart(ModelMetrics metrics, String file) {
        return ReportCharts.render(metrics).stream().filter(c -> c.fileName().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void bothChartsAreWellFormedSvgWithTitlesAxisLabelsAndUnits() throws Exception {
        ModelMetrics metrics = ReportFixtures.metrics();

        assertThat(ReportCharts.render(metrics)).extracting(RenderedChart::fileName)
                .containsExactly("tokens-per-s-by-config.svg", "ttft-percentiles.svg", "tokens-per-s-by-parameter-1.svg");
        assertThat(texts(chart(metrics, "tokens-per-s-by-config.svg").svg())).contains(
                "gemma3:270m: tokens/s by configuration", "configuration", "throughput (tokens/s)",
                "num_ctx=1024, num_gpu=999", "num_ctx=2048, num_gpu=80", "mean ± 1 standard deviation",
                "median (p50)");
        assertThat(texts(chart(metrics, "ttft-percentiles.svg").svg())).contains(
                "gemma3:270m: time to first token percentiles", "percentile", "time to first token (ms)",
                "p50", "p90", "p95", "p99", "62", "1197");
    }

    @Test
    void theSameDataDrawsTheSameBytes() {
        assertThat(ReportCharts.render(ReportFixtures.metrics())).isEqualTo(ReportCharts.render(ReportFixtures.metrics()));
    }

    @Test
    void markupInAModelNameStaysText() throws Exception {
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setModel("a<b>&\"c\"</svg>").build();

        for (RenderedChart chart : ReportCharts.render(metrics)) {
            assertThat(texts(chart.svg())).anyMatch(text -> text.startsWith("a<b>&\"c\"</svg>: "));
        }
    }

    @Test
    void aMetricTheDataLacksDrawsNoChart() {
        ModelMetrics noTtft = ModelMetrics.newBuilder(ReportFixtures.metrics())
                .setMetrics(Map.of("tokens_per_s", ReportFixtures.metrics().getMetrics().get("tokens_per_s"))).build();
        ModelMetrics nothing = ModelMetrics.newBuilder(ReportFixtures.metrics()).setMetrics(Map.of())
                .setConfigs(List.of()).build();

        ModelMetrics oneConfig = ModelMetrics.newBuilder(noTtft)
                .setConfigs(List.of(ReportFixtures.metrics().getConfigs().get(0))).build();

        assertThat(ReportCharts.render(noTtft)).extracting(RenderedChart::fileName)
                .containsExactly("tokens-per-s-by-config.svg", "tokens-per-s-by-parameter-1.svg");
        // No key with two levels: no chart by level.
        assertThat(ReportCharts.render(oneConfig)).extracting(RenderedChart::fileName)
                .containsExactly("tokens-per-s-by-config.svg");
        assertThat(ReportCharts.render(nothing)).isEmpty();
    }

    @Test
    void manyConfigurationsShowTheFastestFortyAndSaySo() throws Exception {
        List<ConfigStats> configs = IntStream.rangeClosed(1, 45).mapToObj(i -> ConfigStats.newBuilder()
                .setConfigKey("num_ctx=" + i).setConfig(Map.of("num_ctx", Integer.toString(i))).setRuns(1)
                .setMetrics(Map.<String, MetricStats>of("tokens_per_s",
                        ReportFixtures.stats("tokens/s", 1, i, 0, i, i, i, i, i)))
                .build()).toList();
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(configs).build();

        List<String> texts = texts(chart(metrics, "tokens-per-s-by-config.svg").svg());

        assertThat(texts).anyMatch(t -> t.contains("the 40 fastest of 45 configurations"));
        assertThat(texts).contains("num_ctx=45", "num_ctx=6").doesNotContain("num_ctx=5", "num_ctx=1");
    }

    /**
     * A full 2 × 2 × 2 sweep, 2 runs of sd 1 per configuration: a=2 adds 50 tokens/s, b=y adds 10, c nothing. The
     * keys ranked first and second for tokens/s are a and b, so those get a chart of their levels (8 runs each).
     */
    /**
     * The fixture's num_ctx and num_gpu go together (1024 with 999, 2048 with 80): one chart, named after both,
     * not the same bars twice under two names.
     */
    @Test
    void confoundedKeysGetOneChartNamedAfterBoth() throws Exception {
        ModelMetrics metrics = ReportFixtures.metrics();

        RenderedChart only = chart(metrics, "tokens-per-s-by-parameter-1.svg");

        assertThat(only.title()).isEqualTo("Tokens/s by num_ctx = num_gpu (confounded) (rank 1 for tokens/s)");
        assertThat(texts(only.svg())).contains("gemma3:270m: tokens/s by num_ctx = num_gpu (confounded)");
        assertThat(ReportCharts.render(metrics)).extracting(RenderedChart::fileName)
                .doesNotContain("tokens-per-s-by-parameter-2.svg");
    }

    @Test
    void theTwoKeysRankedFirstForTokensPerSecondGetAChartOfTokensPerSecondByLevel() throws Exception {
        List<ConfigStats> configs = new ArrayList<>();
        for (String a : List.of("1", "2")) {
            for (String b : List.of("x", "y")) {
                for (String c : List.of("p", "q")) {
                    double mean = 100 + (a.equals("2") ? 50 : 0) + (b.equals("y") ? 10 : 0);
                    configs.add(ConfigStats.newBuilder().setConfigKey("a=" + a + ",b=" + b + ",c=" + c)
                            .setConfig(Map.of("a", a, "b", b, "c", c)).setRuns(2)
                            .setMetrics(Map.<String, MetricStats>of("tokens_per_s", ReportFixtures.stats("tokens/s", 2,
                                    mean, 1, mean - 1, mean, mean + 1, mean + 1, mean + 1)))
                            .build());
                }
            }
        }
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(configs).build();

        RenderedChart first = chart(metrics, "tokens-per-s-by-parameter-1.svg");
        RenderedChart second = chart(metrics, "tokens-per-s-by-parameter-2.svg");

        assertThat(first.title()).isEqualTo("Tokens/s by a (rank 1 for tokens/s)");
        assertThat(texts(first.svg())).contains("gemma3:270m: tokens/s by a", "a", "throughput (tokens/s)",
                "1 (n = 8)", "2 (n = 8)", "mean, whisker: 95 % interval of the mean");
        assertThat(texts(second.svg())).contains("gemma3:270m: tokens/s by b", "x (n = 8)", "y (n = 8)")
                .anyMatch(t -> t.startsWith("all successful runs, levels pooled over the other keys; rank 2 for tokens/s"));
        assertThat(ReportCharts.render(metrics)).noneMatch(chart -> chart.title().startsWith("Tokens/s by c ("));
    }
}
