package io.chimera.insight.localstack.kafka;

import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a read_committed reader can see everything committed to a topic, for tests that write a
 * transaction and then read: {@code commitTransaction} returns once the coordinator has decided, and the
 * coordinator writes the commit markers to the partitions after that, one by one. Until a partition has
 * its marker, its last stable offset (a read_committed reader's end) lags its high watermark, and a reader
 * that looks at once may see the partitions before the transaction.
 */
public final class CommittedEnds {

    private static final Duration POLL = Duration.ofMillis(10);

    private CommittedEnds() {
    }

    /** Returns once every partition of {@code topic} has its last stable offset at its high watermark. */
    public static void await(KafkaSettings settings, String topic, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = Admin.create(settings.adminProps())) {
            while (!ends(admin, topic, IsolationLevel.READ_COMMITTED)
                    .equals(ends(admin, topic, IsolationLevel.READ_UNCOMMITTED))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the commit markers of " + topic + " were not all written within "
                            + limit);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the commit markers of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic, IsolationLevel isolation)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
