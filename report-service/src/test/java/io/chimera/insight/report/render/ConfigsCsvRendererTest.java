package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ConfigsCsvRendererTest {

    /**
     * The fixture's two configurations ({@link ReportFixtures#metrics()}), plus one whose only run failed and whose
     * parameters need quoting ({@code prompt="hi, there"}) or clash with a fixed column ({@code runs}), plus one whose
     * mean is not a short decimal (0.1 + 0.2).
     */
    private static ModelMetrics sweep() {
        ModelMetrics fixture = ReportFixtures.metrics();
        List<ConfigStats> configs = new ArrayList<>(fixture.getConfigs());
        configs.add(ReportFixtures.config("prompt=hi, there,runs=3", Map.of("prompt", "hi, there", "runs", "3"), 1, 1,
                Map.of()));
        configs.add(ReportFixtures.config("num_ctx=4096", Map.of("num_ctx", "4096"), 2, 0, Map.of("tokens_per_s",
                ReportFixtures.stats("tokens/s", 2, 0.1 + 0.2, 0.05, 0.25, 0.3, 0.35, 0.35, 0.35))));
        return ModelMetrics.newBuilder(fixture).setConfigs(configs).build();
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private static CSVRecord row(List<CSVRecord> records, String configKey) {
        return records.stream().filter(r -> r.get("config_key").equals(configKey)).findFirst().orElseThrow();
    }

    private static double number(CSVRecord record, String column) {
        return Double.parseDouble(record.get(column));
    }

    @Test
    void everyConfigurationIsARowWhoseFiguresReadBackExactlyAsTheAggregateHasThem() throws Exception {
        ModelMetrics metrics = sweep();
        String csv = ConfigsCsvRenderer.render(metrics).orElseThrow();
        List<CSVRecord> records = parse(csv);

        assertThat(records).extracting(r -> r.get("config_key")).containsExactly("num_ctx=1024,num_gpu=999",
                "num_ctx=2048,num_gpu=80", "prompt=hi, there,runs=3", "num_ctx=4096");
        assertThat(records.get(0).getParser().getHeaderNames()).startsWith("config_key", "num_ctx", "num_gpu",
                "prompt", "config:runs", "baseline", "runs", "failed_runs", "cold_runs", "tokens_per_s_rank");
        for (ConfigStats config : metrics.getConfigs()) {
            CSVRecord record = row(records, config.getConfigKey());
            assertThat(record.get("runs")).isEqualTo(Long.toString(config.getRuns()));
            assertThat(record.get("failed_runs")).isEqualTo(Long.toString(config.getFailedRuns()));
            assertThat(record.get("cold_runs")).isEqualTo(Long.toString(config.getColdRuns()));
            for (String metric : List.of("tokens_per_s", "ttft_ms")) {
                MetricStats stats = config.getMetrics().get(metric);
                if (stats == null) {
                    assertThat(record.get(metric + "_n")).isEmpty();
                    assertThat(record.get(metric + "_mean")).isEmpty();
                    continue;
                }
                assertThat(record.get(metric + "_n")).isEqualTo(Long.toString(stats.getCount()));
                assertThat(number(record, metric + "_mean")).isEqualTo(stats.getMean());
                assertThat(number(record, metric + "_median")).isEqualTo(stats.getP50());
                assertThat(number(record, metric + "_stddev")).isEqualTo(stats.getStddev());
            }
        }
        CSVRecord fast = row(records, "num_ctx=1024,num_gpu=999");
        assertThat(fast.get("num_ctx")).isEqualTo("1024");
        assertThat(fast.get("prompt")).isEmpty();
        assertThat(fast.get("baseline")).isEqualTo("true");
        assertThat(fast.get("tokens_per_s_rank")).isEqualTo("1");
        // 295 ± t(0.975, 1) × 1.414 / √2, t = scipy.stats.t.ppf(0.975, 1) = 12.706205: 282.295714 to 307.704286.
        assertThat(number(fast, "tokens_per_s_ci_low")).isCloseTo(282.295714, within(1e-5));
        assertThat(number(fast, "tokens_per_s_ci_high")).isCloseTo(307.704286, within(1e-5));
        assertThat(fast.get("tokens_per_s_diff_vs_baseline")).isEmpty();

        CSVRecord slow = row(records, "num_ctx=2048,num_gpu=80");
        assertThat(slow.get("baseline")).isEqualTo("false");
        // Ranked by the lower end: 282.3 (the baseline), 273.3 (this one), -0.149 (num_ctx=4096, sd 0.05 over 2 runs).
        assertThat(slow.get("tokens_per_s_rank")).isEqualTo("2");
        assertThat(number(slow, "tokens_per_s_diff_vs_baseline")).isEqualTo(286.0 - 295.0);
        assertThat(number(slow, "tokens_per_s_relative_diff_vs_baseline")).isEqualTo(-9.0 / 295.0);
        // scipy.stats.ttest_ind_from_stats(295, 1.414, 2, 286, 1.414, 2, equal_var=False).pvalue = 0.0238060030717
        assertThat(number(slow, "tokens_per_s_welch_p_vs_baseline")).isCloseTo(0.0238060031, within(1e-9));
        assertThat(slow.get("tokens_per_s_significant_vs_baseline")).isEqualTo("true");
        // scipy.stats.ttest_ind_from_stats(61, 1.414, 2, 1148.5, 68.59, 2, equal_var=False).pvalue = 0.0283089669053
        assertThat(number(slow, "ttft_ms_welch_p_vs_baseline")).isCloseTo(0.0283089669, within(1e-9));
        // Warm TTFT: the cold run left out, one warm run of 1100 ms and so no interval.
        assertThat(slow.get("ttft_ms_warm_n")).isEqualTo("1");
        assertThat(number(slow, "ttft_ms_warm_mean")).isEqualTo(1100.0);
        assertThat(slow.get("ttft_ms_warm_ci_low")).isEmpty();
        assertThat(slow.get("cold_runs")).isEqualTo("1");

        CSVRecord failed = row(records, "prompt=hi, there,runs=3");
        assertThat(failed.get("prompt")).isEqualTo("hi, there");
        assertThat(failed.get("config:runs")).isEqualTo("3");
        assertThat(failed.get("runs")).isEqualTo("1");
        assertThat(failed.get("tokens_per_s_rank")).isEmpty();
        assertThat(failed.get("tokens_per_s_welch_p_vs_baseline")).isEmpty();

        CSVRecord inexact = row(records, "num_ctx=4096");
        assertThat(number(inexact, "tokens_per_s_mean")).isEqualTo(0.1 + 0.2).isNotEqualTo(0.3);
        // Two values of sd 0.05 against the baseline's two of sd 1.414: Welch has a p-value, too small to be "no".
        assertThat(inexact.get("tokens_per_s_significant_vs_baseline")).isEqualTo("true");
        assertThat(inexact.get("ttft_ms_n")).isEmpty();
    }

    @Test
    void theFileIsRfc4180WithCrlfLinesAndQuotesOnlyWhereNeeded() {
        String csv = ConfigsCsvRenderer.render(sweep()).orElseThrow();

        assertThat(csv).endsWith("\r\n");
        assertThat(csv.split("\r\n", -1)).hasSize(6); // header, four rows, and the empty text after the last CRLF
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
        assertThat(csv).contains("\r\n\"prompt=hi, there,runs=3\",,,\"hi, there\",3,false,")
                .contains("\r\nnum_ctx=4096,4096,,,,false,");
    }

    @Test
    void aModelWithoutConfigurationsHasNoTable() {
        ModelMetrics none = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(List.of()).build();

        assertThat(ConfigsCsvRenderer.render(none)).isEmpty();
        assertThat(ConfigsCsvRenderer.writtenFor(none)).isFalse();
    }
}
