package io.chimera.insight.bench.kafka;

import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The least aggregation a Kafka Streams application can do on the benchmark-runs records: per model
 * (the records' key) a count of runs and a sum of their tokens/s, {@code groupByKey().aggregate()}
 * into a store of the aggregation's own kind and caching, the table's updates written out. It is the
 * aggregation's yardstick: the same records, the same Streams machinery (decode, store, changelog,
 * exactly-once commits), and none of our work.
 */
public final class MinimalAggregate {

    /** The aggregate of one model: how many runs, and the sum of their tokens/s (0 for a run without it). */
    public record CountSum(long count, double sum) {

        static final CountSum EMPTY = new CountSum(0, 0);

        CountSum add(BenchmarkRun run) {
            Metric tokensPerSecond = run.getMetrics().get(CanonicalMetric.TOKENS_PER_S.canonicalName());
            return new CountSum(count + 1, sum + (tokensPerSecond == null ? 0 : tokensPerSecond.getValue()));
        }
    }

    /** The store's name; its changelog is {@code <application id>-minimal-aggregate-changelog}. */
    public static final String STORE = "minimal-aggregate";

    private MinimalAggregate() {
    }

    /**
     * {@code input} (key model, value a {@code BenchmarkRun} decoded by {@code runs}) grouped by key
     * and aggregated into {@code store}, with caching as the aggregation's stores have it; the
     * table's updates go to {@code output}.
     */
    public static Topology topology(String input, String output, Serde<String> keys, Serde<BenchmarkRun> runs,
                                    KeyValueBytesStoreSupplier store) {
        Materialized<String, CountSum, KeyValueStore<Bytes, byte[]>> materialized =
                Materialized.<String, CountSum>as(store).withKeySerde(keys).withValueSerde(countSumSerde());
        materialized = AggregationTopology.STORE_CACHING ? materialized.withCachingEnabled()
                : materialized.withCachingDisabled();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(keys, runs))
                .groupByKey(Grouped.with(keys, runs))
                .aggregate(() -> CountSum.EMPTY, (model, run, aggregate) -> aggregate.add(run), materialized)
                .toStream()
                .to(output, Produced.with(keys, countSumSerde()));
        return builder.build();
    }

    /** Sixteen bytes: the count, then the sum. */
    public static Serde<CountSum> countSumSerde() {
        Serializer<CountSum> serializer = (topic, value) -> value == null ? null
                : ByteBuffer.allocate(16).putLong(value.count()).putDouble(value.sum()).array();
        Deserializer<CountSum> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new CountSum(buffer.getLong(), buffer.getDouble());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
