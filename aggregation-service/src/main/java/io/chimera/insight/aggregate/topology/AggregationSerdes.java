package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the aggregation's topics; built by the caller so that tests can use an
 * in-memory registry and production the real one.
 *
 * @param keys     keys of every topic (model names, file ids)
 * @param runs     values of {@code benchmark-runs}
 * @param files    values of {@code benchmark-files} (the file catalog)
 * @param metrics  values of {@code model-metrics}
 * @param requests values of {@code analysis-requests}
 * @param deadLetters values of {@code dead-letters}: {@code benchmark-runs} records that cannot be decoded
 * @param changes  values of {@code performance-changes}
 * @param configs  values of {@code config-metrics}: an Avro serde, whose serialiser also writes records encoded
 *                 already ({@code PublishedConfigs} fingerprints each configuration's encoding, then sends it)
 */
public record AggregationSerdes(Serde<String> keys, Serde<BenchmarkRun> runs, Serde<BenchmarkFile> files,
                                Serde<ModelMetrics> metrics, Serde<AnalysisRequest> requests,
                                Serde<DeadLetter> deadLetters, Serde<PerformanceChange> changes,
                                AvroSerde<ConfigStats> configs) {

    public AggregationSerdes {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(configs, "configs");
    }

    /** The serdes of the pipeline's topics. */
    public static AggregationSerdes from(EventSerdes serdes) {
        return new AggregationSerdes(serdes.key(), serdes.value(Topics.BENCHMARK_RUNS), serdes.value(Topics.BENCHMARK_FILES),
                serdes.value(Topics.MODEL_METRICS), serdes.value(Topics.ANALYSIS_REQUESTS), serdes.value(Topics.DEAD_LETTERS),
                serdes.value(Topics.PERFORMANCE_CHANGES), serdes.avroValue(Topics.CONFIG_METRICS));
    }
}
