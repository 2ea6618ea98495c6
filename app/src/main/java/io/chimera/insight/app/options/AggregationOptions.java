package io.chimera.insight.app.options;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** When a model is analysed after new runs: shared by run, up and aggregate. */
public final class AggregationOptions {

    @Option(names = "--debounce", paramLabel = "MILLIS", defaultValue = "2000",
            description = "Analyse a model once its runs have been quiet this long (default: ${DEFAULT-VALUE}).")
    long debounceMillis;

    @Option(names = "--max-delay", paramLabel = "MILLIS", defaultValue = "30000",
            description = "Analyse a model at the latest this long after its first new run (default: ${DEFAULT-VALUE}).")
    long maxDelayMillis;

    public AggregationSettings settings() {
        if (maxDelayMillis < debounceMillis) {
            throw new IllegalArgumentException("--max-delay (" + maxDelayMillis + " ms) must not be shorter than "
                    + "--debounce (" + debounceMillis + " ms)");
        }
        return AggregationSettings.defaults().withDebounce(Duration.ofMillis(debounceMillis))
                .withMaxDelay(Duration.ofMillis(maxDelayMillis));
    }
}
