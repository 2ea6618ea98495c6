package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates our topics when they are missing. Explicit creation (rather than broker auto-create)
 * is what gives compacted topics their cleanup policy and every topic the same partition count,
 * which co-partitioned Streams joins rely on.
 */
public final class TopicAdmin {

    /** Partitions of each topic created on a real cluster unless told otherwise: room for six instances. */
    public static final int DEFAULT_PARTITIONS = 6;

    private TopicAdmin() {
    }

    /**
     * Creates every catalog topic that does not exist yet, replicated as the settings'
     * {@link KafkaSettings#topicReplication() topicReplication} says (by default, the cluster's defaults).
     * An existing topic is left as it is.
     */
    public static void ensureTopics(KafkaSettings settings, TopicNames names, int partitions) {
        TopicReplication replication = settings.topicReplication();
        try (Admin admin = Admin.create(settings.adminProps())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?> topic : Topics.all()) {
                String name = names.of(topic);
                if (!existing.contains(name)) {
                    NewTopic newTopic = new NewTopic(name, Optional.of(partitions), replication.factor());
                    Map<String, String> configs = new HashMap<>(replication.topicConfigs());
                    if (topic.compacted()) {
                        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    }
                    if (topic.allowsLargeRecords()) {
                        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(topic.maxRecordBytes()));
                    }
                    newTopic.configs(configs);
                    missing.add(newTopic);
                }
            }
            if (!missing.isEmpty()) {
                TopicCreation.create(admin, missing);
                awaitUsable(admin, missing.stream().map(NewTopic::name).toList(), partitions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + settings.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * A created topic is not usable until its leader has made each partition. A client that asks
     * sooner is refused: a Streams global store sees "no partitions" and fails; a produce request is
     * refused (NOT_LEADER_OR_FOLLOWER) and retried, and an idempotent producer with several requests
     * in flight can then have a later request appended first, so that the refused one spins on
     * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} (2 minutes) expires its records
     * (KAFKA-15591, fixed in a broker later than our 4.1.1; seen here as a test's {@code flush()}
     * hanging for 120 s right after its topics were made). A leader named in the metadata is not
     * enough: in KRaft the broker publishes the new metadata before its replica manager has made the
     * partition. A ListOffsets request needs both (a leader to go to, and the partition at it, answered
     * from the same replica manager as a produce request), so once every new partition answers one, the
     * topics are usable. Up to 30 s.
     */
    private static void awaitUsable(Admin admin, List<String> topics, int partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(ends).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("cannot read the ends of topics " + topics + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " not usable 30 s after creation (no leader,"
                        + " or a partition its leader has not made)");
            }
            Thread.sleep(50);
        }
    }
}
