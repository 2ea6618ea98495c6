package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

    private final MarkdownReportRenderer renderer = new MarkdownReportRenderer();

    @Test
    void aPendingReportShowsTheFactsAndSaysWhyTheNarrativeIsMissing() {
        String md = renderer.render(ReportInput.of(ReportFixtures.pending()));

        assertThat(md).startsWith("# Benchmark report: gemma3:270m\n");
        assertThat(md).contains("narrative pending: no LLM worker answered (no LLM worker at http://localhost:11434");
        assertThat(md).contains("- Runs: 5 (1 failed) from 2 file(s)");
        assertThat(md).contains("| tokens\\_per\\_s | 4 | 290.5 | 5.32 | 285 | 287 | 296 | 296 | 296 | tokens/s |");
        assertThat(md).contains("| ttft\\_ms | 4 | 604.8 | 629.1 | 60 | 62 | 1197 | 1197 | 1197 | ms |");
        assertThat(md).contains("_Narrative pending._");
        assertThat(md).contains("## Key findings, recommendations and risks\n\n_Pending");
        assertThat(md).contains("## Generation metrics\n\nNo LLM call answered");
        assertThat(md).contains("Narrative verification: none, as there is no narrative.");
        assertThat(md).contains("- `gemma3/gemma3_270m_param_tuning.csv`\n");
    }

    @Test
    void aWorkerThatFailedIsQuotedInTheStatusInsteadOfNoWorkerAnswered() {
        AnalysisResult failing = AnalysisResult.newBuilder(ReportFixtures.pending())
                .setError("HTTP 500 from http://gpu-1:11434/api/chat: CUDA error: out of memory")
                .setFailureKind(LlmFailureKind.SERVER_ERROR)
                .setFailureDetail("HTTP 500: CUDA error: out of memory").build();

        String md = renderer.render(ReportInput.of(failing));

        assertThat(md).contains("- Status: narrative pending: the LLM worker failed: server error "
                + "(HTTP 500: CUDA error: out of memory); tried again later\n");
        assertThat(md).doesNotContain("no LLM worker answered");
    }

    @Test
    void theInventoryLinksToTheDeadLetterListingWhenTheReportsFolderHasOne() {
        ReportInput input = ReportFixtures.completeInput();

        assertThat(renderer.render(input))
                .contains("2 dead letter(s): records, or whole files, that could not be used (see the dead-letters topic)");
        ReportInput linked = input.withDeadLettersLink(Optional.of("../dead-letters.md"));
        assertThat(renderer.render(linked)).contains(
                "2 dead letter(s): records, or whole files, that could not be used (see [dead-letters.md](../dead-letters.md))");
        assertThat(new ReportJsonRenderer().render(linked)).contains("\"deadLettersListing\" : \"../dead-letters.md\"");
        assertThat(new ReportJsonRenderer().render(input)).doesNotContain("deadLettersListing");
    }

    @Test
    void everySectionComesInTheDesignedOrder() {
        String md = renderer.render(ReportFixtures.completeInput());

        List<String> headings = md.lines().filter(line -> line.startsWith("## ")).toList();
        assertThat(headings).containsExactly("## Summary", "## Changes", "## Metrics", "## Cold starts",
                "## Per-parameter effects", "## Interactions", "## Recommendations from the data",
                "## Configuration comparison", "## Charts",
                "## Key findings", "## Recommendations", "## Risks and mitigations", "## Data inventory",
                "## Generation metrics", "## Provenance");
        assertThat(md.indexOf("| tokens\\_per\\_s")).isLessThan(md.indexOf("| ttft\\_ms"));
    }

    @Test
    void theColdStartSectionCountsColdRunsAndShowsWarmFiguresBesideAllRuns() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("1 of 4 successful runs were cold (cold when load\\_duration\\_ms \\> median + max(5 × MAD, "
                + "200 ms); median load 53 ms, MAD 2 ms, threshold 253 ms).");
        assertThat(md).contains("- Median load of a cold run: 1000 ms (n = 1).");
        assertThat(md).contains("- Median TTFT: 1197 ms cold (n = 1) against 62 ms warm (n = 3).");
        assertThat(md).contains("| tokens/s | 4 | 290.5 | 287 | 3 | 291.7 | 294 | 1 | 287 | 287 |");
        assertThat(md).contains("| TTFT (ms) | 4 | 604.8 | 62 | 3 | 407.3 | 62 | 1 | 1197 | 1197 |");
    }

    @Test
    void withoutLoadDurationsTheReportSaysColdRunsCannotBeToldApartAndWithoutASplitItSaysNothing() {
        ModelMetrics noLoad = ModelMetrics.newBuilder(ReportFixtures.metrics()).setColdStart(ColdStart.newBuilder()
                .setStatus(ColdStartStatus.NO_LOAD_DURATION).setUnclassifiedRuns(4).build()).build();
        String md = renderer.render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(noLoad).build()));
        assertThat(md).contains("## Cold starts\n\nNo run reports a load duration, so cold runs (those that paid a model "
                + "load) cannot be told from warm ones");

        ModelMetrics before = ModelMetrics.newBuilder(ReportFixtures.metrics()).setColdStart(null).build();
        md = renderer.render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(before).build()));
        assertThat(md).doesNotContain("## Cold starts");
    }

    /**
     * Load durations the aggregate counts (load_duration_ms, n 4) but its split does not hold: state from before the
     * split. With none split the section says so instead of "no run reports a load duration"; with some split, the
     * others are named as such, not as runs without one.
     */
    @Test
    void loadDurationsCountedBeforeTheSplitAreNamedAsSuchNotAsMissing() {
        Map<String, io.chimera.insight.events.MetricStats> withLoads = new java.util.HashMap<>(
                ReportFixtures.metrics().getMetrics());
        withLoads.put("load_duration_ms", ReportFixtures.stats("ms", 4, 289, 474, 50, 53, 1000, 1000, 1000));
        ModelMetrics none = ModelMetrics.newBuilder(ReportFixtures.metrics()).setMetrics(withLoads)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.NO_LOAD_DURATION).setUnclassifiedRuns(4)
                        .build()).build();
        String md = renderer.render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(none).build()));
        assertThat(md).contains("## Cold starts\n\nLoad durations not recorded before upgrade: re-ingest to classify. 4 of 4 "
                + "successful runs report a load duration")
                .doesNotContain("No run reports a load duration");
        assertThat(new ReportJsonRenderer().render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending())
                .setMetrics(none).build()))).contains("\"loadsBeforeSplitRuns\" : 4");

        ModelMetrics partly = ModelMetrics.newBuilder(none).setColdStart(ColdStart.newBuilder(ReportFixtures.coldStart())
                .setColdRuns(1).setWarmRuns(1).setUnclassifiedRuns(2).build()).build();
        md = renderer.render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(partly).build()));
        assertThat(md).contains("1 of 4 successful runs were cold").contains(" 2 are counted neither cold nor warm: load "
                + "durations not recorded before upgrade: re-ingest to classify.")
                .doesNotContain("report no load duration");
    }

    /**
     * A third configuration (num_ctx=4096, mode=a) whose only run was cold has no warm TTFT: its num_ctx level gets a row
     * saying so, and mode, whose other level (b) is the only one with warm runs, gets a line saying why it has no warm
     * TTFT effect.
     */
    @Test
    void aLevelWhoseRunsWereAllColdSaysSoInTheEffectsTable() {
        List<io.chimera.insight.events.ConfigStats> configs = new java.util.ArrayList<>();
        for (io.chimera.insight.events.ConfigStats config : ReportFixtures.metrics().getConfigs()) {
            Map<String, String> map = new java.util.HashMap<>(config.getConfig());
            map.put("mode", "b");
            configs.add(io.chimera.insight.events.ConfigStats.newBuilder(config).setConfig(map).build());
        }
        configs.add(io.chimera.insight.events.ConfigStats.newBuilder(ReportFixtures.config("mode=a,num_ctx=4096",
                        Map.of("mode", "a", "num_ctx", "4096"), 1, 0,
                        Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", 1, 280, 0, 280, 280, 280, 280, 280),
                                "ttft_ms", ReportFixtures.stats("ms", 1, 1300, 0, 1300, 1300, 1300, 1300, 1300))))
                .setColdRuns(1).build());
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(configs).build();
        ReportInput input = ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(metrics).build());

        String md = renderer.render(input);

        assertThat(md).contains("| TTFT (ms) | num\\_ctx | 4096 | 1 | 0 | no warm run: its one run was cold | – | – |\n");
        assertThat(md).contains("TTFT by mode is not compared on warm runs: fewer than two of its levels have one "
                + "(a: no warm run: its one run was cold).");
        assertThat(new ReportJsonRenderer().render(input)).contains("\"levelsWithoutWarmRuns\" : [ {\n"
                + "      \"level\" : \"4096\",\n      \"configs\" : 1,\n      \"runs\" : 1,\n      \"coldRuns\" : 1\n    } ]");
    }

    /**
     * The fixture's two configurations differ in both keys, so num_ctx and num_gpu have the same effect.
     * tokens/s: levels 295 and 286, n 2 each, sd 1.414: F = 81 / (2 × 1.414² / 2) = 40.51, df (1, 2),
     * p = scipy.stats.f.sf(40.51, 1, 2) = 0.0238. Warm TTFT: 61 (n 2) against 1100 (n 1, the cold run
     * left out): F = 359949, df (1, 1), p = 0.00106. Holm over the four tests: 0.0476 and 0.00424.
     */
    @Test
    void theEffectsTableTestsEachKeyAndCorrectsForTheNumberOfTests() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("p-values corrected with Holm's method over the 4 test(s) of this report");
        // num_ctx and num_gpu are confounded: the same figures, one shared rank, each row naming the other key.
        assertThat(md).contains("| 1 | tokens/s | num\\_ctx (= num\\_gpu, confounded) | all successful runs | one-way "
                + "ANOVA | 0.0476 | yes | 0.953 | 3.1 % |");
        assertThat(md).contains("| 1 | tokens/s | num\\_gpu (= num\\_ctx, confounded) | all successful runs | one-way "
                + "ANOVA | 0.0476 | yes | 0.953 | 3.1 % |");
        assertThat(md).doesNotContain("| 2 | tokens/s |");
        assertThat(md).contains("| 1 | TTFT (ms) | num\\_ctx (= num\\_gpu, confounded) | warm runs | one-way ANOVA "
                + "| 0.00424 | yes | 1 |");
        assertThat(md).contains("| TTFT (ms) | num\\_gpu | 80 | 1 | 1 | 1100 | 1100 | – (n < 2) |");
        assertThat(md).contains("Levels are pooled, not matched: a difference is an association with the key");
    }

    /**
     * A 2 × 2 sweep with replication and a planted interaction ({@link ReportFixtures#twoByTwo}): numpy's
     * two-way ANOVA with interaction (KeyInteractionsTest) gives F = 418.72022955523676, df (1, 8),
     * p = 3.4035186402435226e-08 (the only test: Holm leaves it), η² = 0.6793640447868897, largest
     * deviation from additivity +10.347162656313419 % at (a1, b2). Made additive ((a2, b2) = 130, 129, 131):
     * p = 0.31383125434325365.
     */
    @Test
    void theInteractionsSectionFlagsAPlantedInteractionOrSaysNoneWasFound() {
        String md = renderer.render(input(ReportFixtures.twoByTwo(99.66666666666667, 1.5275252316519468)));

        assertThat(md).contains("p-values corrected with Holm's method over the 1 interaction test(s), a family apart "
                + "from the per-parameter effects");
        assertThat(md).contains("| tokens/s | A × B | all successful runs | two-way ANOVA | 418.7 (1, 8) | < 0.001 | 0.679 "
                + "| +10.35 % at A=a1, B=b2 (n = 2) |");
        assertThat(md).doesNotContain("No interaction found");

        md = renderer.render(input(ReportFixtures.twoByTwo(130, 1)));
        assertThat(md).contains("No interaction found: none of the 1 tested pair(s) has a corrected p < 0.05 "
                + "(tokens/s A × B p 0.314).");
        assertThat(md).doesNotContain("| tokens/s | A × B |");
    }

    @Test
    void pairsThatCannotBeTestedAreNamedWithTheReasonAndConfoundedKeysAreSaidToBeInseparable() {
        ModelMetrics sweep = ReportFixtures.twoByTwo(130, 1);
        ModelMetrics incomplete = ModelMetrics.newBuilder(sweep).setConfigs(sweep.getConfigs().subList(0, 3)).build();
        String md = renderer.render(input(incomplete));
        assertThat(md).contains("Not testable: A × B (tokens/s): incomplete grid: 1 of 4 cells have no runs "
                + "(A=a2 × B=b2).");

        // The fixture's two configurations differ in both keys.
        md = renderer.render(ReportFixtures.completeInput());
        assertThat(md).contains("Not testable: num\\_ctx × num\\_gpu (tokens/s, TTFT (ms)): confounded: each level of "
                + "either key comes with one level of the other.");
        assertThat(md).contains("Confounded (tokens/s, TTFT (ms)): num\\_ctx and num\\_gpu: in this data each level of "
                + "num\\_ctx comes with one level of num\\_gpu and the other way round (num\\_ctx 1024 with 999, 2048 with "
                + "80), so their effects cannot be separated");
    }

    private static ReportInput input(ModelMetrics metrics) {
        return ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(metrics).build());
    }

    @Test
    void aSweepWithOneRunPerConfigurationNamesNoBestConfiguration() {
        ModelMetrics single = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(List.of(
                ReportFixtures.config("num_ctx=1024", Map.of("num_ctx", "1024"), 1, 0,
                        Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", 1, 400, 0, 400, 400, 400, 400, 400))),
                ReportFixtures.config("num_ctx=2048", Map.of("num_ctx", "2048"), 1, 0,
                        Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", 1, 290, 0, 290, 290, 290, 290, 290)))))
                .build();
        String md = renderer.render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(single).build()));

        assertThat(md).contains("- Fastest configuration: none named: no configuration has 2 or more successful runs");
        assertThat(md).contains("- Best for throughput: none named: no configuration has 2 or more successful runs");
        assertThat(md).doesNotContain("at 400 tokens/s");
        // The recommendations say what the data allows instead: num_ctx has one run per level, so it is not tested.
        String recommendations = md.substring(md.indexOf("## Recommendations from the data"),
                md.indexOf("## Configuration comparison"));
        assertThat(recommendations).doesNotContain("Best of").doesNotContain("400")
                .contains("- **num\\_ctx** (tokens/s, n = 2): num\\_ctx could not be tested for tokens/s: no repeated "
                        + "runs within levels, or no variation within them (n = 2 over 2 levels); run each level at "
                        + "least twice to test it.")
                .contains("- **keep the model warm** (TTFT, n = 1): Keep the model warm: 1 of 4 successful runs paid "
                        + "a model load");
        String json = new ReportJsonRenderer().render(ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending())
                .setMetrics(single).build()));
        assertThat(json).contains("\"kind\" : \"PARAMETER\",\n    \"setting\" : \"num_ctx\"")
                .doesNotContain("\"kind\" : \"CONFIGURATION\"");
        // Nor does the comparison in latest.json (what the index and the reports event read) name a best.
        assertThat(json).contains("\"best\" : { }");
        assertThat(Headlines.bestThroughputConfig(single)).isEmpty();
    }

    @Test
    void theComparisonShowsTheTopConfigurationsWithTheirIntervalsNamesTheBestAndLinksTheFullTable() {
        String md = renderer.render(ReportFixtures.completeInput());

        // 95 % CI: 295 ± t(0.975, 1) × 1.414 / √2 = 295 ± 12.706 = 282.3 to 307.7; the other's is 273.3 to 298.7
        // (scipy.stats.t.ppf(0.975, 1) = 12.7062). TTFT over warm runs: 61 ± 12.7062 × 1.414 / √2 = 48.3 to 73.7; the
        // other's one warm run (1100 ms) has no interval.
        assertThat(md).contains("Top 2 of 2 configurations for tokens/s, ranked by the lower end of the 95 % interval "
                + "of the mean among the 2 with 2 or more runs:\n\n");
        assertThat(md).contains("| 1 | num\\_ctx=1024, num\\_gpu=999 | 2 | 0 | 0 | 2 | 295 | 282.3 to 307.7 | 2 | 61 "
                + "| 48.3 to 73.7 |\n"
                + "| 2 | num\\_ctx=2048, num\\_gpu=80 | 3 | 1 | 1 | 2 | 286 | 273.3 to 298.7 | 1 | 1100 "
                + "| – (n < 2) |\n"
                + "| baseline | num\\_ctx=1024, num\\_gpu=999 | 2 | 0 | 0 | 2 | 295 | 282.3 to 307.7 | 2 | 61 "
                + "| 48.3 to 73.7 |\n");
        assertThat(md).contains("- Best for throughput: num\\_ctx=1024, num\\_gpu=999 at 295 tokens/s mean (n = 2, 95 % CI "
                + "282.3 to 307.7; ranked by the lower end of the interval among configurations with 2 or more runs)");
        // TTFT is judged over the warm runs: the other configuration's second run was cold, leaving it one warm
        // run and no interval, so there is nothing to rank num_ctx=1024 against.
        assertThat(md).contains("- Best for time to first token: none ranked: only num\\_ctx=1024, num\\_gpu=999 has 2 "
                + "or more runs (warm runs, n = 2, mean 61 ms, 95 % CI 48.3 to 73.7); the others have one run each and "
                + "cannot be compared with it");
        // Both configurations have 2 successful runs: the tie goes to the smaller config key.
        // The report says so: a tie makes the baseline an arbitrary reference.
        assertThat(md).contains("- Baseline: num\\_ctx=1024, num\\_gpu=999 (the first by config key of the 2 "
                + "configurations tied for the most successful runs, 2 each: an arbitrary reference; no run was without "
                + "configuration)");
        assertThat(md).contains("Full table: [configs.csv](configs.csv) (2 configurations)");
        // The pairwise differences moved to configs.csv and latest.json.
        assertThat(md).doesNotContain("| num\\_ctx=2048, num\\_gpu=80 | tokens/s | 2 | 286 | 295 | -9 tokens/s");
    }

    @Test
    void aCompleteReportCarriesTheNarrativeEscapedAndFlagsUnverifiedNumbers() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("- Status: complete");
        assertThat(md).contains("\nThroughput is steady near 291 tokens/s.\n");
        assertThat(md).contains("- num\\_gpu=999 \\| num\\_ctx=1024 is fastest\n");
        assertThat(md).contains("- It reached 999 tok/s. **(unverified: 999 tok/s)**\n");
        assertThat(md).contains("| Cold start TTFT | Preload the model |");
        assertThat(md).contains("3 number(s) checked, 2 matched the data. **Unverified numbers**");
        assertThat(md).contains("- 999 tok/s in: It reached 999 tok/s.");
    }

    @Test
    void theGenerationBlockGivesTheOldToolsFigures() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("- Worker: http://127.0.0.1:11434 (ollama, model gemma3:latest)\n"
                + "- Throughput: 42 tok/s\n"
                + "- Time to first token: 120.5 ms\n"
                + "- Total duration: 880 ms\n"
                + "- Tokens generated: 300\n"
                + "- Prompt eval: 812 tokens in 95 ms\n"
                + "- Eval: 714.3 ms\n"
                + "- Load: 12.5 ms\n");
    }

    @Test
    void theInventoryCountsFilesByTypeWithTheirDeadLetters() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("2 file(s); latest modified 2026-11-27T18:00:00Z; 2 dead letter(s): records, or whole "
                + "files, that could not be used (see the dead-letters topic); 1 value(s) that could not be used left "
                + "out of the records kept (named in the file's warnings).");
        assertThat(md).contains("| csv | 1 | 3 | 2 | 2026-11-27T18:00:00Z |\n| json | 1 | 2 | 0 | 2026-11-20T09:00:00Z |");
        assertThat(md).contains("| gemma3/gemma3\\_270m\\_param\\_tuning.csv | CSV | 4210 | 2026-11-27T18:00:00Z | PARTIAL "
                + "| 3 | 1 | 2 |");
    }

    @Test
    void filesTheCatalogDoesNotKnowKeepTheirTypeAndSaySo() {
        String md = renderer.render(ReportInput.of(ReportFixtures.pending()));

        assertThat(md).contains("| csv | 1 | – | – | – |");
        assertThat(md).contains("| gemma3/gemma3\\_270m\\_baseline.json | – | – | – | – | – | – | – |");
        assertThat(md).contains("has no file event the report service could read");
    }

    @Test
    void chartsAreLinkedBesideTheReport() {
        String md = renderer.render(ReportFixtures.completeInput());

        assertThat(md).contains("![Tokens/s by configuration](tokens-per-s-by-config.svg)\n\n"
                + "![Time to first token percentiles](ttft-percentiles.svg)\n");
    }

    @Test
    void markdownInModelNamesConfigValuesAndLlmTextCannotBreakTheTables() {
        ModelMetrics facts = ModelMetrics.newBuilder(ReportFixtures.metrics())
                .setModel("evil|model\n# heading [x](http://e)")
                .setConfigs(List.of(ReportFixtures.config("backend=a|b,quant=q4_*", Map.of("backend", "a|b",
                        "quant", "q4_*"), 2, 0, Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", 2, 10, 1, 9,
                        10, 11, 11, 11))), ReportFixtures.config("backend=c", Map.of("backend", "c"), 2, 0,
                        Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", 2, 5, 1, 4, 5, 6, 6, 6)))))
                .build();
        AnalysisResult analysis = AnalysisResult.newBuilder(ReportFixtures.complete()).setMetrics(facts)
                .setNarrative(Narrative.newBuilder().setSummary("ok <script>alert(1)</script>")
                        .setFindings(List.of("line one\n| injected | row |"))
                        .setRisks(List.of(new Risk("a | b", "c\n\n## d"))).build())
                .build();

        String md = renderer.render(ReportInput.of(analysis));

        assertThat(md).startsWith("# Benchmark report: evil\\|model \\# heading \\[x\\](http://e)\n");
        assertThat(md).contains("| 1 | backend=a\\|b, quant=q4\\_\\* | 2 | 0 | 0 | 2 | 10 | 1.02 to 18.98 | 0 | – | – |");
        assertThat(md).contains("ok \\<script\\>alert(1)\\</script\\>");
        assertThat(md).contains("- line one \\| injected \\| row \\|\n");
        assertThat(md).contains("| a \\| b | c  \\#\\# d |");
        assertThat(md.lines().filter(line -> line.startsWith("#"))).allMatch(line -> line.startsWith("# Benchmark")
                || line.startsWith("## "));
        // Every table row has as many unescaped pipes as its header.
        assertThat(md.lines().filter(line -> line.startsWith("| a ")).findFirst().orElseThrow()
                .replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(3);
    }

    @Test
    void theSameInputRendersTheSameBytes() {
        assertThat(renderer.render(ReportFixtures.completeInput()))
                .isEqualTo(renderer.render(ReportFixtures.completeInput()));
    }
}
