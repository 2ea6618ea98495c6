package io.chimera.insight.platform.kafka.read;

import io.chimera.insight.platform.kafka.KafkaFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads whole topics the way a state loader or a monitor needs them: every partition assigned (no
 * consumer group: nothing is committed, every reader gets all of it), from the beginning.
 *
 * <p>{@link #readToEnd} reads up to the end offsets taken when it is called, and no further: with
 * {@code read_committed} (as {@code KafkaSettings.consumerProps} reads) that end is the last stable
 * offset, so aborted transactions are skipped and an open one is waited for by the next read.
 * Records written after those ends are read by the next call, which is how a reader catches up again
 * before each use. {@link #poll} follows the topics past their end instead.
 *
 * <p>The end offsets are asked for by a second consumer, on a connection of its own. A broker
 * answers one request per connection at a time, in order, and a poll that returns records leaves
 * the next fetch in flight (the consumer's pipelining); at a topic's end the broker holds that fetch
 * until a record comes or {@code fetch.max.wait.ms} (500 ms by default) passes. Asked on the reading
 * consumer's connection, a read that came less than that wait after one that fetched records was
 * held until the fetch expired (the report service's inventory, right after its catalog refresh had
 * read a new file: about 300 ms a report; docs/benchmarks.md, "The end-to-end lag pinned at 1 s").
 *
 * <p>Not thread-safe: one thread reads (the consumer's rule).
 */
public final class TopicSnapshotReader implements AutoCloseable {

    /** What a topic that does not exist means to the reader. */
    public enum MissingTopic {
        /** Nothing written yet: it reads as empty. */
        EMPTY,
        /** An error: {@link #open} throws {@link IllegalArgumentException} naming it and the cluster. */
        FAIL
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    /** Asks for the end offsets only, never fetches: see the class comment. */
    private final Consumer<byte[], byte[]> endsConsumer;
    private final String cluster;
    private final List<TopicPartition> partitions;

    private TopicSnapshotReader(Consumer<byte[], byte[]> consumer, Consumer<byte[], byte[]> endsConsumer,
                                String cluster, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.endsConsumer = endsConsumer;
        this.cluster = cluster;
        this.partitions = partitions;
    }

    /**
     * A reader of every partition of {@code topics}, at their beginning.
     *
     * @param consumerProps   the consumer's properties; a {@code group.id} among them is ignored
     * @param metadataTimeout how long to wait for each topic's partitions
     * @throws TopicReadException       when the cluster did not name a topic's partitions in time
     * @throws IllegalArgumentException when a topic does not exist and {@code missing} is {@link MissingTopic#FAIL}
     */
    public static TopicSnapshotReader open(Properties consumerProps, Collection<String> topics,
                                           Duration metadataTimeout, MissingTopic missing) {
        Properties props = new Properties();
        props.putAll(consumerProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        Consumer<byte[], byte[]> endsConsumer;
        try {
            endsConsumer = new KafkaConsumer<>(endsProps(props), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
        return assign(consumer, endsConsumer, props.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), topics,
                metadataTimeout, missing);
    }

    /** The reading consumer's properties (same isolation level: same ends), under a client id of its own. */
    private static Properties endsProps(Properties props) {
        Properties ends = new Properties();
        ends.putAll(props);
        String clientId = props.getProperty(ConsumerConfig.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.isEmpty()) {
            ends.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-ends");
        }
        return ends;
    }

    /** Assigns {@code consumer} every partition of {@code topics}, at the beginning; closes both consumers on failure. */
    private static TopicSnapshotReader assign(Consumer<byte[], byte[]> consumer, Consumer<byte[], byte[]> endsConsumer,
                                      String cluster, Collection<String> topics, Duration metadataTimeout,
                                      MissingTopic missing) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> found = partitionsFor(consumer, cluster, topic, metadataTimeout);
                if (found.isEmpty() && missing == MissingTopic.FAIL) {
                    throw new IllegalArgumentException("topic " + topic + " does not exist at " + cluster);
                }
                found.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return new TopicSnapshotReader(consumer, endsConsumer, cluster, List.copyOf(partitions));
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            endsConsumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
    }

    private static List<PartitionInfo> partitionsFor(Consumer<byte[], byte[]> consumer, String cluster, String topic,
                                                     Duration timeout) {
        try {
            return consumer.partitionsFor(topic, timeout);
        } catch (TimeoutException e) {
            throw new TopicReadException("cannot read " + topic + ": " + cluster
                    + " did not name its partitions within " + timeout.toMillis() + " ms (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads from where the last read stopped up to the end offsets of now, giving each record to
     * {@code records} in partition order; records written meanwhile are left to the next call.
     *
     * @return whether it got to those ends within {@code limit}; what it read is given either way,
     * and the next call goes on from there
     * @throws TopicReadException when the cluster did not give the end offsets, or the reader's positions, within
     *                            {@code limit}
     * @throws RuntimeException   what {@code records} threw; the next call gives that record again
     */
    public boolean readToEnd(Duration limit, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> records) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<TopicPartition, Long> ends = endOffsets(limit);
        Set<TopicPartition> behind = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (position(partition, limit) < ends.get(partition)) {
                behind.add(partition);
            }
        }
        List<TopicPartition> done = new ArrayList<>(partitions);
        done.removeAll(behind);
        consumer.pause(done); // nothing to fetch there before the next read
        try {
            while (!behind.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                deliverBefore(ends, consumer.poll(POLL), records);
                for (TopicPartition partition : List.copyOf(behind)) {
                    if (position(partition, limit) >= ends.get(partition)) {
                        behind.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
            return true;
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Gives the batch's records before each partition's end (none given: no end); a record at or past
     * it (written meanwhile) is read again next time. When {@code records} throws, the reader is set back to the record it
     * refused, and every partition of the batch not yet given whole to its first record not given: the
     * next read gives them again, so a handler that failed for a passing reason (a schema registry
     * restarting) loses nothing. The handler's exception is thrown on.
     */
    private void deliverBefore(Map<TopicPartition, Long> ends, ConsumerRecords<byte[], byte[]> batch,
                               java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> records) {
        List<TopicPartition> fetched = List.copyOf(batch.partitions());
        for (int given = 0; given < fetched.size(); given++) {
            TopicPartition partition = fetched.get(given);
            long end = ends.getOrDefault(partition, Long.MAX_VALUE);
            for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                if (record.offset() >= end) {
                    consumer.seek(partition, end);
                    break;
                }
                try {
                    records.accept(record);
                } catch (RuntimeException e) {
                    consumer.seek(partition, record.offset());
                    for (TopicPartition later : fetched.subList(given + 1, fetched.size())) {
                        consumer.seek(later, batch.records(later).get(0).offset());
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * For a handler whose decoding of {@code record} failed with {@code error}: when the schema registry
     * could not serve the record's schema ({@link KafkaFailures#isRegistryUnavailable}), throws a
     * {@link TopicReadException}, which stops the read at the record (the next read or poll gives it
     * again) and which the callers wait out as a dependency; otherwise returns, and the handler deals
     * with a record that will never decode. Skipped instead, a record the registry could not serve yet
     * is lost to the reader for good.
     */
    public static void stopIfRegistryUnavailable(ConsumerRecord<?, ?> record, RuntimeException error) {
        if (KafkaFailures.isRegistryUnavailable(error)) {
            throw new TopicReadException("cannot decode " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " yet: " + error.getMessage() + "; it is read again at the next catch-up",
                    error);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Duration timeout) {
        try {
            return endsConsumer.endOffsets(partitions, timeout);
        } catch (TimeoutException e) {
            throw new TopicReadException("cannot read " + topicNames() + ": " + cluster + " did not give their end"
                    + " offsets within " + timeout.toMillis() + " ms (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The reader's position in {@code partition}; finding it may ask the partition's leader (after a
     * seek to the beginning), which a cluster replacing that leader may not answer in time.
     */
    private long position(TopicPartition partition, Duration timeout) {
        try {
            return consumer.position(partition, timeout);
        } catch (TimeoutException e) {
            throw new TopicReadException("cannot read " + partition + ": " + cluster + " did not give the reader's"
                    + " position within " + timeout.toMillis() + " ms (" + e.getMessage() + ")", e);
        }
    }

    private String topicNames() {
        return String.join(", ", partitions.stream().map(TopicPartition::topic).distinct().toList());
    }

    /** Skips what the topics hold now: later reads and polls start at their ends of this moment. */
    public void skipToEnd() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // now, not at the next poll: what is written next is read
    }

    /** Follows the topics: whatever arrives within {@code wait}, past what was read before. */
    public ConsumerRecords<byte[], byte[]> poll(Duration wait) {
        return consumer.poll(wait);
    }

    /**
     * Follows the topics, giving whatever arrives within {@code wait} to {@code records}; as in
     * {@link #readToEnd}, a record {@code records} refuses (it throws) is given again by the next read
     * or poll, and so is every record of the batch after it.
     */
    public void poll(Duration wait, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> records) {
        deliverBefore(Map.of(), consumer.poll(wait), records);
    }

    @Override
    public void close() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } finally {
            endsConsumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }
}
