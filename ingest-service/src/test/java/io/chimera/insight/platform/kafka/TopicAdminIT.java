package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.ingest.EmbeddedBroker;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicAdmin#ensureTopics} against a real broker: the topics it made are there with their
 * partitions, each answering its leader's ListOffsets (what {@code TopicAdmin.awaitUsable} waits
 * for before it returns), and a second call with every topic there returns too. The race that wait
 * closes (a produce request between the metadata and the replica manager, KAFKA-15591) is a matter
 * of milliseconds and is not reproduced here. It lives in ingest-service for the embedded broker
 * (see {@code LoopLifecycleIT}).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TopicAdminIT {

    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void everyPartitionOfTheTopicsMadeAnswersAtItsLeaderWhenEnsureTopicsReturns() throws Exception {
        TopicNames names = new TopicNames("topic-admin-it.");
        TopicAdmin.ensureTopics(BROKER.settings(), names, PARTITIONS);

        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (Topic<?> topic : Topics.all()) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                ends.put(new TopicPartition(names.of(topic), partition), OffsetSpec.latest());
            }
        }
        try (Admin admin = Admin.create(BROKER.settings().adminProps())) {
            // Every catalog topic, each with the partitions asked for, each empty.
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answered = admin
                    .listOffsets(ends, new ListOffsetsOptions().timeoutMs(5_000)).all().get();
            assertThat(answered).hasSize(Topics.all().size() * PARTITIONS)
                    .allSatisfy((partition, info) -> assertThat(info.offset()).isZero());
        }

        // Called again, with every topic there: nothing to make, nothing to wait for.
        TopicAdmin.ensureTopics(BROKER.settings(), names, PARTITIONS);
    }
}
