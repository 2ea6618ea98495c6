package io.chimera.insight.app.options;

import io.chimera.insight.aggregate.statistics.ChangeSettingsByMetric;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.platform.change.ChangeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** When a model is analysed after new runs: shared by run, up and aggregate. */
public final class AggregationOptions {

    @Option(names = "--debounce", paramLabel = "MILLIS",
            description = "Analyse a model once its runs have been quiet this long (default: ${DEFAULT-VALUE}).")
    long debounceMillis = AggregationSettings.DEFAULT_DEBOUNCE.toMillis();

    @Option(names = "--max-delay", paramLabel = "MILLIS",
            description = "Analyse a model at the latest this long after its first new run (default: ${DEFAULT-VALUE}).")
    long maxDelayMillis = AggregationSettings.DEFAULT_MAX_DELAY.toMillis();

    @Option(names = "--cold-mad", paramLabel = "K",
            description = "A run is cold (paid a model load) when its load duration exceeds the model's median load by "
                    + "more than K median absolute deviations and at least --cold-margin (default: ${DEFAULT-VALUE}).")
    double coldMadMultiplier = ColdStartRule.DEFAULT_MAD_MULTIPLIER;

    @Option(names = "--cold-margin", paramLabel = "MILLIS",
            description = "The least margin above the median load duration for a run to be cold (default: ${DEFAULT-VALUE}).")
    double coldMinMarginMillis = ColdStartRule.DEFAULT_MIN_MARGIN_MS;

    @Option(names = "--change-history-runs", paramLabel = "N",
            description = "Change detection keeps the last N runs of each (model, configuration, headline metric) "
                    + "series, and no more than --change-history-days (default: ${DEFAULT-VALUE}).")
    int changeHistoryRuns = HistoryBound.DEFAULT_MAX_RUNS;

    @Option(names = "--change-history-days", paramLabel = "DAYS",
            description = "Change detection keeps runs of a series up to DAYS older than its newest run, "
                    + "and no more than --change-history-runs (default: ${DEFAULT-VALUE}).")
    long changeHistoryDays = HistoryBound.DEFAULT_MAX_AGE.toDays();

    @Option(names = "--change-detection", paramLabel = "BOOL", arity = "1",
            description = "Look for performance changes in each series of tokens/s and TTFT and publish them on "
                    + "performance-changes and in the reports; false keeps no change history at all, to measure "
                    + "what detection costs (default: ${DEFAULT-VALUE}).")
    boolean changeDetection = true;

    @Option(names = "--change-min-effect", paramLabel = "[METRIC=]FRACTION", converter = MinEffectSetting.Converter.class,
            description = "The smallest relative change of a series' mean worth reporting, whatever its p-value (a "
                    + "significant change is reported when its 95 %% interval reaches it): FRACTION for every metric, METRIC=FRACTION (e.g. ttft_ms=0.10) for one metric of the "
                    + "catalogue, which wins over the value for every metric; repeatable, in [0, 1). Raise it for a noisy "
                    + "metric whose small steps are not worth an alarm (default: " + ChangeSettings.DEFAULT_MIN_EFFECT
                    + " for every metric, the issue's 5 %%).")
    List<MinEffectSetting> changeMinEffects = new ArrayList<>();

    @Option(names = "--change-alpha", paramLabel = "P",
            description = "Significance level of the test that confirms a new change, in (0, 1) (default: ${DEFAULT-VALUE}; "
                    + "far below the usual 0.01 because the tested split is the most different of hundreds and is "
                    + "tested again as the series grows: at 0.01 the detector raised 35 to 82 false alarms per 1,000 "
                    + "stationary runs, at this value with --change-keep-alpha under 1; see docs/architecture.md, "
                    + "\"Change detection\").")
    double changeAlpha = ChangeSettings.DEFAULT_ALPHA;

    @Option(names = "--change-keep-alpha", paramLabel = "P",
            description = "Hysteresis: a published change is kept while the test at this level, at least "
                    + "--change-alpha and below 1, still shows it, so a change whose p-value drifts just above "
                    + "--change-alpha is neither retracted nor published again (default: ${DEFAULT-VALUE}; equal to "
                    + "--change-alpha: none).")
    double changeKeepAlpha = ChangeSettings.DEFAULT_KEEP_ALPHA;

    @Option(names = "--stream-threads", paramLabel = "N",
            defaultValue = "${env:CHIMERA_STREAM_THREADS:-" + AggregationSettings.DEFAULT_STREAM_THREADS + "}",
            description = "Kafka Streams stream threads of the aggregation (num.stream.threads), at least 1: the tasks "
                    + "(one per partition of benchmark-runs) are shared among them, each thread with its own "
                    + "exactly-once transactions, so one thread processes runs while another's commit waits for the "
                    + "broker; a thread beyond the partitions gets no task. Two on 2 cores did not beat one in the "
                    + "bench (default: ${DEFAULT-VALUE}). Env: CHIMERA_STREAM_THREADS.")
    int streamThreads;

    public AggregationSettings settings() {
        if (streamThreads < 1) {
            throw new IllegalArgumentException("--stream-threads must be at least 1, got " + streamThreads);
        }
        if (maxDelayMillis < debounceMillis) {
            throw new IllegalArgumentException("--max-delay (" + maxDelayMillis + " ms) must not be shorter than "
                    + "--debounce (" + debounceMillis + " ms)");
        }
        // Both at once: each is checked against the other, so setting one first may fail against the other's default.
        AggregationSettings defaults = AggregationSettings.defaults();
        return new AggregationSettings(Duration.ofMillis(debounceMillis), Duration.ofMillis(maxDelayMillis),
                defaults.punctuateInterval(), defaults.replacementSweepInterval(),
                new ColdStartRule(coldMadMultiplier, coldMinMarginMillis),
                defaults.changes().withSettings(changeSettings())
                        .withBound(new HistoryBound(changeHistoryRuns, Duration.ofDays(changeHistoryDays)))
                        .withEnabled(changeDetection),
                defaults.tickBudget(), defaults.clockPerRecord(), streamThreads);
    }

    /** The detector's settings: the default minimum effect (the last bare value given), then each metric's own. */
    private ChangeSettingsByMetric changeSettings() {
        if (!(changeAlpha > 0 && changeAlpha < 1)) {
            throw new IllegalArgumentException("--change-alpha must be in (0, 1), got " + changeAlpha);
        }
        if (!(changeKeepAlpha >= changeAlpha && changeKeepAlpha < 1)) {
            throw new IllegalArgumentException("--change-keep-alpha must be at least --change-alpha (" + changeAlpha
                    + ") and below 1, got " + changeKeepAlpha);
        }
        ChangeSettings defaults = ChangeSettings.DEFAULTS.withAlphas(changeAlpha, changeKeepAlpha);
        for (MinEffectSetting setting : changeMinEffects) {
            if (setting.metric().isEmpty()) {
                defaults = defaults.withMinEffect(setting.fraction());
            }
        }
        ChangeSettingsByMetric byMetric = new ChangeSettingsByMetric(defaults, Map.of());
        for (MinEffectSetting setting : changeMinEffects) {
            if (setting.metric().isPresent()) {
                byMetric = byMetric.withMinEffect(setting.metric().get(), setting.fraction());
            }
        }
        return byMetric;
    }
}
