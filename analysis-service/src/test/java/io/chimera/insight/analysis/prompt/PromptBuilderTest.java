package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PromptBuilderTest {

    private static final Pattern RUNS = Pattern.compile("runs=(\\d+)");

    @Test
    void userPromptListsTheAggregateFactsWithFormattedNumbers() {
        Prompt prompt = PromptBuilder.withDefaults().build(MetricsFixture.gemma());

        assertThat(prompt.user().lines().toList()).containsSubsequence(
                "Model: gemma3:270m",
                "Runs: 12 (failed: 2, successful: 10)",
                "Source files: 2",
                "Configurations: 2",
                "- tokens_per_s (tokens/s): n=10, mean=85.2, stddev=9.87, min=70.1, p50=86, p95=98.4, p99=99.9, max=100.2",
                "- ttft_ms (ms): n=10, mean=4633.27, stddev=512.5, min=3900, p50=4600.4, p95=5200.75, p99=5250, max=5266.54",
                "- num_ctx=2048, temperature=0.7: runs=6, failed=0, tokens_per_s mean=100 (95% CI 100 to 100),"
                        + " ttft_ms mean=4000",
                "- num_ctx=4096, temperature=0.7: runs=6, failed=2, tokens_per_s mean=80 (95% CI 80 to 80),"
                        + " ttft_ms mean=5266.54");
        assertThat(prompt.omittedFacts()).isEmpty();
        assertThat(prompt.user()).doesNotContain(FactSheet.OMISSION_NOTE);
    }

    @Test
    void sourceFilesAreCountedButNeverQuoted() {
        Prompt prompt = PromptBuilder.withDefaults().build(MetricsFixture.gemma());

        assertThat(prompt.user()).doesNotContain("/rigs/out", "param_tuning", ".csv", ".json");
        assertThat(prompt.system()).doesNotContain("/rigs/out");
    }

    /**
     * Replicated configurations first, by the lower end of their 95 % interval of mean tokens/s, then single runs by
     * mean. 95 % CI = mean ± t(0.975, n − 1) × sd / √n with scipy's stats.t.ppf(0.975, 1) = 12.706204736174694 and
     * stats.t.ppf(0.975, 9) = 2.262157162798205: num_gpu=1 (n 2, mean 100, sd 2) → 82.03 to 117.97; num_gpu=2
     * (n 10, mean 95, sd 2) → 93.57 to 96.43; so num_gpu=2, slower on average, ranks first.
     */
    @Test
    void replicatedConfigurationsComeFirstByTheLowerEndOfTheirIntervalThenSingleRuns() {
        ModelMetrics metrics = ModelMetrics.newBuilder(MetricsFixture.gemma())
                .setConfigs(List.of(
                        withTokensPerS(MetricsFixture.config(Map.of("num_gpu", "1"), 2, 0, 100, 900), 2, 100, 2),
                        withTokensPerS(MetricsFixture.config(Map.of("num_gpu", "2"), 10, 0, 95, 800), 10, 95, 2),
                        MetricsFixture.config(Map.of("num_gpu", "3"), 1, 0, 120, 700)))
                .build();

        Prompt prompt = PromptBuilder.withDefaults().build(metrics);

        assertThat(prompt.user().lines().filter(line -> line.startsWith("- num_gpu=")).toList())
                .containsExactly(
                        "- num_gpu=2: runs=10, failed=0, tokens_per_s mean=95 (95% CI 93.57 to 96.43), ttft_ms mean=800",
                        "- num_gpu=1: runs=2, failed=0, tokens_per_s mean=100 (95% CI 82.03 to 117.97), ttft_ms mean=900",
                        "- num_gpu=3: runs=1, failed=0, tokens_per_s mean=120 (single run), ttft_ms mean=700");
        assertThat(prompt.user()).contains("- Best for tokens_per_s (highest lower end of the 95% CI of the mean, among"
                + " configurations with 2 or more runs): num_gpu=2, mean=95 (n=10, 95% CI 93.57 to 96.43)");
    }

    private static ConfigStats withTokensPerS(ConfigStats config, long n, double mean, double stddev) {
        Map<String, io.chimera.insight.events.MetricStats> metrics = new java.util.HashMap<>(config.getMetrics());
        metrics.put("tokens_per_s", MetricsFixture.stats("tokens/s", n, mean, stddev, mean, mean, mean, mean, mean, mean));
        return ConfigStats.newBuilder(config).setMetrics(metrics).build();
    }

    @Test
    void metricWithoutSuccessfulRunsSaysSo() {
        ModelMetrics metrics = ModelMetrics.newBuilder(MetricsFixture.gemma())
                .setMetrics(Map.of("latency_ms", MetricsFixture.stats("ms", 0, 0, 0, 0, 0, 0, 0, 0, 0)))
                .build();

        assertThat(PromptBuilder.withDefaults().build(metrics).user())
                .contains("- latency_ms (ms): n=0, no successful runs");
    }

    @Test
    void systemPromptIsTheDefaultPersonaFollowedByTheOutputContract() {
        Prompt prompt = PromptBuilder.withDefaults().build(MetricsFixture.gemma());

        assertThat(prompt.system()).startsWith("You are a senior performance engineer");
        assertThat(prompt.system()).contains("exactly three recommendations", "at least two objects",
                "Do not invent numbers");
    }

    @Test
    void personaCanBeReplacedFromAFileWithoutLosingTheOutputContract(@TempDir Path dir) throws IOException {
        Path persona = dir.resolve("persona.txt");
        Files.writeString(persona, "You are a terse site reliability engineer.\n");

        Prompt prompt = new PromptBuilder(PromptSettings.defaults().withPersonaFile(persona))
                .build(MetricsFixture.gemma());

        assertThat(prompt.system()).startsWith("You are a terse site reliability engineer.");
        assertThat(prompt.system()).doesNotContain("senior performance engineer");
        assertThat(prompt.system()).contains("exactly three recommendations");
    }

    @Test
    void estimatedTokensAreCharactersDividedByFourRoundedUp() {
        Prompt prompt = PromptBuilder.withDefaults().build(MetricsFixture.gemma());

        int chars = prompt.system().length() + prompt.user().length();
        assertThat(prompt.estimatedTokens()).isEqualTo((chars + 3) / 4);
    }

    /** The configurations are known by their keys alone here, so no per-parameter effect competes for the budget. */
    @Test
    void overBudgetKeepsTheBestFastestSlowestAndBusiestConfigurationsAndListsTheRest() {
        List<ConfigStats> configs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long runs = 1 + (i * 7L) % 13;
            configs.add(ConfigStats.newBuilder(
                    MetricsFixture.config(Map.of("num_ctx", Integer.toString(1000 + i)), runs, 0, 50 + i, 300 + i))
                    .setConfig(Map.of()).build());
        }
        ModelMetrics metrics = ModelMetrics.newBuilder(MetricsFixture.gemma()).setConfigs(configs).build();
        PromptSettings settings = PromptSettings.defaults().withContext(1500, 200);

        Prompt prompt = new PromptBuilder(settings).build(metrics);

        List<String> keptLines = prompt.user().lines().filter(line -> line.startsWith("- num_ctx=")).toList();
        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(settings.promptBudgetTokens());
        assertThat(prompt.omittedFacts()).isNotEmpty().allMatch(fact -> fact.startsWith("configuration num_ctx="));
        assertThat(keptLines.size() + prompt.omittedFacts().size()).isEqualTo(60);
        assertThat(keptLines).anyMatch(line -> line.contains("tokens_per_s mean=109 "));
        assertThat(keptLines).anyMatch(line -> line.contains("tokens_per_s mean=50 "));
        // The best for TTFT among configurations with 2 or more runs: num_ctx=1001 (8 runs, 301 ms).
        assertThat(keptLines).anyMatch(line -> line.contains("ttft_ms mean=301"));
        assertThat(prompt.user()).contains(FactSheet.OMISSION_NOTE);
        assertThat(prompt.user()).contains("- tokens_per_s (tokens/s)", "- ttft_ms (ms)");

        List<Long> keptRuns = keptLines.stream()
                .filter(line -> !line.contains("tokens_per_s mean=109 ") && !line.contains("tokens_per_s mean=50 ")
                        && !line.contains("ttft_ms mean=301"))
                .map(PromptBuilderTest::runs)
                .toList();
        long fewestKept = keptRuns.stream().mapToLong(Long::longValue).min().orElseThrow();
        long mostOmitted = prompt.omittedFacts().stream().mapToLong(PromptBuilderTest::runs).max().orElseThrow();
        assertThat(fewestKept).isGreaterThanOrEqualTo(mostOmitted);
    }

    @Test
    void omittedConfigurationsAreNamedBySettingsAndRuns() {
        List<ConfigStats> configs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            configs.add(MetricsFixture.config(Map.of("num_ctx", Integer.toString(1000 + i), "top_k", "40"), 5, 1, 50 + i, 300));
        }
        ModelMetrics metrics = ModelMetrics.newBuilder(MetricsFixture.gemma()).setConfigs(configs).build();

        Prompt prompt = new PromptBuilder(PromptSettings.defaults().withContext(1100, 200))
                .build(metrics);

        assertThat(prompt.omittedFacts()).contains("configuration num_ctx=1030, top_k=40 (runs=5)");
    }

    @Test
    void whenEvenTheMetricsDoNotFitTheLowerPriorityOnesAreOmittedFirst() {
        ModelMetrics base = MetricsFixture.gemma();
        Map<String, io.chimera.insight.events.MetricStats> many = new java.util.HashMap<>(base.getMetrics());
        for (String name : Arrays.asList("a_metric", "b_metric", "c_metric", "d_metric", "e_metric", "f_metric")) {
            many.put(name, MetricsFixture.stats("", 10, 1234.5678, 1, 2, 3, 4, 5, 6, 7));
        }
        ModelMetrics metrics = ModelMetrics.newBuilder(base).setMetrics(many).build();
        int systemTokens = (PromptBuilder.withDefaults().build(base).system().length() + 3) / 4;

        Prompt prompt = new PromptBuilder(PromptSettings.defaults()
                .withContext(systemTokens + 660, 100)).build(metrics);

        assertThat(prompt.user()).contains("- tokens_per_s (tokens/s)", "- ttft_ms (ms)");
        assertThat(prompt.omittedFacts()).contains("metric f_metric (n=10)", "effect of num_ctx on tokens_per_s");
        assertThat(prompt.user()).doesNotContain("- f_metric");
        assertThat(prompt.omittedFacts()).noneMatch(fact -> fact.startsWith("metric tokens_per_s")
                || fact.startsWith("metric ttft_ms"));
        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(systemTokens + 560);
    }

    private static long runs(String text) {
        Matcher matcher = RUNS.matcher(text);
        assertThat(matcher.find()).as("runs in %s", text).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
