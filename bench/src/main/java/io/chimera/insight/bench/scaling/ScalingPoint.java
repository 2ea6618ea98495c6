package io.chimera.insight.bench.scaling;

import io.chimera.insight.bench.kafka.RecordSizes.TopicSizes;
import io.chimera.insight.bench.kafka.RefusedRecordWatch.Refusal;
import io.chimera.insight.bench.result.PerRunCost;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one point of a scaling series measured.
 *
 * @param label       "10,000 files", "1,000 configurations"
 * @param files       files ingested
 * @param runs        runs ingest published
 * @param ingest      ingest's cost per run
 * @param aggregation the aggregation's cost per run; empty when it failed
 * @param refusal     the record the cluster refused the aggregation, when that is why it failed
 * @param timedOut    how far the aggregation got when it did not catch up in time, when that is why it failed
 * @param stateWhileRunning bytes of the aggregation's state folder (RocksDB) after it caught up and emitted
 * @param stateOnDisk the same once the aggregation closed
 * @param changelogs  the aggregation's changelog topics, together
 * @param topics      our topics by base name, read back from the broker
 * @param took        the whole point: scanning, ingest, the aggregation, reading the sizes back (and its
 *                    second pass, when it has one)
 * @param held        a configurations point's second pass ({@link HeldPass}): the same runs again into the
 *                    configurations the first pass made; empty for a files point, or when either pass failed
 */
public record ScalingPoint(String label, int files, long runs, PerRunCost ingest, Optional<PerRunCost> aggregation,
                           Optional<Refusal> refusal, Optional<String> timedOut, long stateWhileRunning, long stateOnDisk, TopicSizes changelogs,
                           Map<String, TopicSizes> topics, Duration took, Optional<HeldPass> held) {

    public ScalingPoint {
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics)); // in pipeline order
    }

    /** A point of one pass (a files point, or one whose second pass was not run). */
    public ScalingPoint(String label, int files, long runs, PerRunCost ingest, Optional<PerRunCost> aggregation,
                        Optional<Refusal> refusal, Optional<String> timedOut, long stateWhileRunning, long stateOnDisk,
                        TopicSizes changelogs, Map<String, TopicSizes> topics, Duration took) {
        this(label, files, runs, ingest, aggregation, refusal, timedOut, stateWhileRunning, stateOnDisk, changelogs,
                topics, took, Optional.empty());
    }

    /** What a configuration's life cost beyond its runs, process CPU per configuration ({@link HeldPass#lifeMicros}). */
    public OptionalDouble lifeMicros() {
        return aggregation.isPresent() && held.isPresent()
                ? OptionalDouble.of(held.get().lifeMicros(aggregation.get(), runs)) : OptionalDouble.empty();
    }

    /** The same of the stream threads' own CPU. */
    public OptionalDouble streamLifeMicros() {
        return aggregation.isPresent() && held.isPresent()
                ? held.get().streamLifeMicros(aggregation.get(), runs) : OptionalDouble.empty();
    }
}
