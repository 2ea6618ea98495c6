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
                .containsExactly("tokens-per-s-by-config.svg", "ttft-percentiles.svg");
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

        assertThat(ReportCharts.render(noTtft)).extracting(RenderedChart::fileName)
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
}
