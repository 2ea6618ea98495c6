package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Watches a consumer group (a Streams application id is one) work through a topic written only
 * in transactions, from the outside, through the committed offsets: how far a group has come is
 * what it committed, not what it fetched.
 *
 * <p>Each transaction ends with a commit marker in every partition it wrote to, so the last data
 * record of a non-empty partition sits just before its end offset: a group that committed
 * {@code end - 1} (or {@code end}) has processed everything.
 */
public final class GroupProgress implements AutoCloseable {

    private final Admin admin;

    public GroupProgress(KafkaSettings settings) {
        this.admin = Admin.create(settings.adminProps());
    }

    /**
     * Waits until {@code groupId} has committed past every record of {@code topic}.
     *
     * @param onProgress hears the records committed so far
     * @return when that was first seen (polled every {@code interval})
     */
    public long awaitCaughtUp(String groupId, String topic, Duration interval, Duration timeout,
                              LongConsumer onProgress) throws TimeoutException, InterruptedException {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
            long done = 0;
            boolean caughtUp = true;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                long position = offset == null ? 0 : offset.offset();
                done += position;
                if (end.getValue() > 0 && position < end.getValue() - 1) {
                    caughtUp = false;
                }
            }
            onProgress.accept(done);
            if (caughtUp) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(groupId + " did not catch up with " + topic + " within " + timeout);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** The end offset of each partition of {@code topic}, markers included. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo partition : admin.describeTopics(java.util.List.of(topic)).allTopicNames().get()
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

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
