package io.chimera.insight.bench.kafka;

import io.chimera.insight.bench.result.Units;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.CommittedProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group (a Streams application id is one) work through a topic written only
 * in transactions, from the outside, through the committed offsets ({@link CommittedProgress}
 * says when it has processed everything), and waits for it to catch up.
 */
public final class GroupProgress implements AutoCloseable {

    private final CommittedProgress offsets;

    public GroupProgress(KafkaSettings settings) {
        this.offsets = new CommittedProgress(settings);
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
            Map<TopicPartition, OffsetAndMetadata> committed = offsets.committed(groupId);
            long position = ends.keySet().stream().mapToLong(p -> CommittedProgress.position(committed, p)).sum();
            onProgress.accept(position);
            if (CommittedProgress.caughtUp(ends, committed)) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(String.format(Locale.ROOT,
                        "%s did not catch up with %s within %s: committed %,d of %,d offsets", groupId, topic,
                        Units.seconds(timeout.toMillis() / 1e3),
                        position, ends.values().stream().mapToLong(Long::longValue).sum()));
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** The end offset of each partition of {@code topic}, markers included. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException {
        return offsets.endOffsets(topic);
    }

    @Override
    public void close() {
        offsets.close();
    }
}
