package io.chimera.insight.platform.kafka.read;

import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * How far a consumer group (a Streams application id is one) has come through a topic written only
 * in transactions, seen from the outside through its committed offsets: what a group committed is
 * what it has processed for good, not what it fetched.
 *
 * <p>Each transaction ends with a commit marker in every partition it wrote to, so the last data
 * record of a non-empty partition sits just before its end offset: a group that committed
 * {@code end - 1} (or {@code end}) has processed everything ({@link #caughtUp(Map, Map)}).
 */
public final class CommittedProgress implements AutoCloseable {

    private final Admin admin;

    public CommittedProgress(KafkaSettings settings) {
        this.admin = Admin.create(settings.adminProps());
    }

    /** The end offset of each partition of {@code topic}, markers included. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo partition : admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions()) {
                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry
                    : admin.listOffsets(latest).all().get().entrySet()) {
                ends.put(entry.getKey(), entry.getValue().offset());
            }
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        }
    }

    /** The offsets {@code groupId} has committed, partitions it never committed left out. */
    public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of(); // a group that has not joined yet has committed nothing
            }
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e.getCause());
        }
    }

    /** Whether {@code groupId} has committed past every record before {@code ends}. */
    public boolean caughtUp(String groupId, Map<TopicPartition, Long> ends) throws InterruptedException {
        // Nothing to process (every partition empty) needs no question to the broker.
        return caughtUp(ends, Map.of()) || caughtUp(ends, committed(groupId));
    }

    /**
     * Whether the {@code committed} offsets are past every record before {@code ends}: each non-empty
     * partition committed at {@code end - 1} at least (the last offset is a commit marker).
     */
    public static boolean caughtUp(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getValue() > 0 && position(committed, end.getKey()) < end.getValue() - 1) {
                return false;
            }
        }
        return true;
    }

    /** The committed offset of {@code partition}, 0 when none was committed. */
    public static long position(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
