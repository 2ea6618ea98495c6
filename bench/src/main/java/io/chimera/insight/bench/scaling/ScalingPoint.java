package io.chimera.insight.bench.scaling;

import io.chimera.insight.bench.kafka.RecordSizes.TopicSizes;
import io.chimera.insight.bench.kafka.RefusedRecordWatch.Refusal;
import io.chimera.insight.bench.result.PerRunCost;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
 * @param took        the whole point: scanning, ingest, the aggregation, reading the sizes back
 */
public record ScalingPoint(String label, int files, long runs, PerRunCost ingest, Optional<PerRunCost> aggregation,
                           Optional<Refusal> refusal, Optional<String> timedOut, long stateWhileRunning, long stateOnDisk, TopicSizes changelogs,
                           Map<String, TopicSizes> topics, Duration took) {

    public ScalingPoint {
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics)); // in pipeline order
    }
}
