package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration comparison of the Markdown: the top table, its ranking and its limit, and the links to the full table. */
class ComparisonSectionTest {

    private static ConfigStats config(String level, long n, double mean, double sd) {
        return ReportFixtures.config(level.isEmpty() ? "" : "k=" + level, level.isEmpty() ? Map.of() : Map.of("k", level),
                n, 0, Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", n, mean, sd, mean - sd, mean, mean + sd,
                        mean + sd, mean + sd)));
    }

    private static ReportInput input(List<ConfigStats> configs) {
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(configs).build();
        return ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(metrics).build());
    }

    /** The rank and config cells of the top table's rows, in order. */
    private static List<String> topRows(String md) {
        String table = md.substring(md.indexOf("| rank | config |"));
        table = table.substring(0, table.indexOf("\n\n"));
        List<String> rows = new ArrayList<>();
        table.lines().skip(2).forEach(line -> {
            String[] cells = line.split(" \\| ");
            rows.add(cells[0].substring(2) + " " + cells[1]);
        });
        return rows;
    }

    /**
     * Twelve configurations of 3 runs, k=01..k=12, mean 200 + 2i; those with i divisible by 3 have sd 30, the others
     * sd 1. Lower ends: mean - t(0.975, 2) × sd / √3 with t = 4.302653 (scipy.stats.t.ppf(0.975, 2)), i.e. mean - 2.48
     * or mean - 74.5, so the steady ones rank first (k=11 at 219.5 ... k=01 at 199.5), then the noisy ones (k=12 at
     * 149.5, k=09 at 143.5, ...). A single run of 999 is not ranked; the baseline (no config, 100 ± 1, n 3: lower
     * end 97.5) ranks 13th, outside the top, and is shown after it.
     */
    @Test
    void theTopTableShowsAtMostTenConfigurationsRankedByTheLowerEndOfTheirIntervalThenTheBaseline() {
        List<ConfigStats> configs = new ArrayList<>();
        configs.add(config("", 3, 100, 1));
        for (int i = 1; i <= 12; i++) {
            configs.add(config(String.format("%02d", i), 3, 200 + 2 * i, i % 3 == 0 ? 30 : 1));
        }
        configs.add(config("lucky", 1, 999, 0));

        String md = new MarkdownReportRenderer().render(input(configs));

        assertThat(md).contains("Top 10 of 14 configurations for tokens/s, ranked by the lower end of the 95 % interval "
                + "of the mean among the 13 with 2 or more runs (1 with fewer runs: not ranked):");
        assertThat(topRows(md)).containsExactly("1 k=11", "2 k=10", "3 k=08", "4 k=07", "5 k=05", "6 k=04", "7 k=02",
                "8 k=01", "9 k=12", "10 k=09", "baseline (runs without configuration)");
        // k=11: 222 ± 4.302653 / √3 = 219.52 to 224.48, printed with one decimal above 100.
        assertThat(md).contains("| 1 | k=11 | 3 | 0 | 0 | 3 | 222 | 219.5 to 224.5 | 0 | – | – |");
        assertThat(md).doesNotContain("k=lucky |").doesNotContain("Single runs");
        assertThat(md).contains("Full table: [configs.csv](configs.csv) (14 configurations)");
    }

    /**
     * The fixture tells cold from warm: num_ctx=2048's TTFT is 1100 and 1197 ms over all runs (mean 1148.5, n 2)
     * but its one warm run is 1100 ms (the 1197 ms run loaded the model). The table shows warm TTFT, as the effects
     * and recommendations read it, and says so; configs.csv keeps the all-runs figures.
     */
    @Test
    void whenColdAndWarmAreToldApartTheTableShowsWarmTtftAndSaysSo() {
        String md = new MarkdownReportRenderer().render(ReportFixtures.completeInput());

        assertThat(md).contains("| rank | config | runs | failed | cold | tokens/s n | tokens/s mean | tokens/s 95 % CI "
                + "| warm TTFT n | warm TTFT mean (ms) | warm TTFT 95 % CI (ms) |");
        assertThat(md).contains("| 2 | num\\_ctx=2048, num\\_gpu=80 | 3 | 1 | 1 | 2 | 286 | 273.3 to 298.7 | 1 | 1100 "
                + "| – (n < 2) |");
        assertThat(md).doesNotContain("| 1148.5 |");
        assertThat(md).contains("TTFT over each configuration's warm runs, as the effects and recommendations read it");
        assertThat(ConfigsCsvRenderer.render(ReportFixtures.metrics()).orElseThrow()).contains(",1148.5,");
    }

    /**
     * Without tokens/s the table ranks by TTFT, over the warm runs when they are told apart: num_ctx=2048 has one
     * warm run, so only num_ctx=1024 (2 warm runs) is ranked, where over all runs both would be.
     */
    @Test
    void rankedByTtftTheTableRanksOnWarmRunsLikeTheRecommendations() {
        ModelMetrics fixture = ReportFixtures.metrics();
        List<ConfigStats> ttftOnly = fixture.getConfigs().stream().map(c -> ConfigStats.newBuilder(c)
                .setMetrics(Map.of("ttft_ms", c.getMetrics().get("ttft_ms")))
                .setWarmMetrics(Map.of("ttft_ms", c.getWarmMetrics().get("ttft_ms"))).build()).toList();

        String md = new MarkdownReportRenderer().render(input(ttftOnly));

        assertThat(md).contains("Top 1 of 2 configurations for warm TTFT, ranked by the upper end of the 95 % interval "
                + "of the mean among the 1 with 2 or more runs (1 with fewer runs: not ranked):");
        assertThat(topRows(md)).containsExactly("1 num\\_ctx=1024, num\\_gpu=999", "baseline num\\_ctx=1024, num\\_gpu=999");
    }

    @Test
    void withOneRunPerConfigurationTheTopTableIsRankedByMeanAndSaysItIsNoEvidence() {
        List<ConfigStats> configs = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            configs.add(config(String.format("%02d", i), 1, 300 + i, 0));
        }

        String md = new MarkdownReportRenderer().render(input(configs));

        assertThat(md).contains("**Single runs: ranking is not evidence.** No configuration has 2 or more runs of "
                + "tokens/s, so the top 10 of 12 configurations are ordered by the mean of their tokens/s alone");
        assertThat(topRows(md)).containsExactly("1 k=12", "2 k=11", "3 k=10", "4 k=09", "5 k=08", "6 k=07", "7 k=06",
                "8 k=05", "9 k=04", "10 k=03", "baseline k=01");
        assertThat(md).contains("| 1 | k=12 | 1 | 0 | 0 | 1 | 312 | – (n < 2) | 0 | – | – |");
        assertThat(md).contains("- Best for throughput: none named");
    }

    @Test
    void theJsonNamesTheFullTableAndKeepsEveryDifferenceFromTheBaseline() throws Exception {
        List<ConfigStats> configs = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            configs.add(config(String.format("%02d", i), 1, 300 + i, 0));
        }

        JsonNode json = new ObjectMapper().readTree(new ReportJsonRenderer().render(input(configs)));

        assertThat(json.get("configsCsv").asText()).isEqualTo("configs.csv");
        assertThat(json.get("comparison").get("deltas")).hasSize(11);
        assertThat(json.get("configs")).hasSize(12);
        ModelMetrics none = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(List.of()).build();
        JsonNode without = new ObjectMapper().readTree(new ReportJsonRenderer().render(
                ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(none).build())));
        assertThat(without.get("configsCsv").isNull()).isTrue();
    }
}
