package io.chimera.insight.app.options;

import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import java.time.Duration;
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

    public AggregationSettings settings() {
        if (maxDelayMillis < debounceMillis) {
            throw new IllegalArgumentException("--max-delay (" + maxDelayMillis + " ms) must not be shorter than "
                    + "--debounce (" + debounceMillis + " ms)");
        }
        // Both at once: each is checked against the other, so setting one first may fail against the other's default.
        AggregationSettings defaults = AggregationSettings.defaults();
        return new AggregationSettings(Duration.ofMillis(debounceMillis), Duration.ofMillis(maxDelayMillis),
                defaults.punctuateInterval(), defaults.replacementSweepInterval(),
                new ColdStartRule(coldMadMultiplier, coldMinMarginMillis),
                defaults.changes().withBound(new HistoryBound(changeHistoryRuns, Duration.ofDays(changeHistoryDays)))
                        .withEnabled(changeDetection));
    }
}
