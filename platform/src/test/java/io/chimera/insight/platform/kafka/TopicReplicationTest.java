package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

    @Test
    void threeReplicasTwoInSyncReachTopicConfigsAndStreamsInternalTopics() {
        KafkaSettings settings = new KafkaSettings("b:9092", "http://r").withTopicReplication(TopicReplication.of((short) 3, 2));

        Properties streams = settings.streamsProps("app");

        assertThat(settings.topicReplication().topicConfigs()).isEqualTo(Map.of("min.insync.replicas", "2"));
        assertThat(streams.getProperty("replication.factor")).isEqualTo("3");
        assertThat(streams.getProperty("topic.min.insync.replicas")).isEqualTo("2");
    }

    @Test
    void clusterDefaultsSetNothingSoTheBrokerDecides() {
        KafkaSettings settings = new KafkaSettings("b:9092", "http://r");

        Properties streams = settings.streamsProps("app");

        assertThat(settings.topicReplication()).isEqualTo(TopicReplication.CLUSTER_DEFAULTS);
        assertThat(settings.topicReplication().topicConfigs()).isEmpty();
        assertThat(streams).doesNotContainKeys("replication.factor", "topic.min.insync.replicas");
    }

    @Test
    void anOperatorsStreamsPropertyStillWins() {
        KafkaSettings settings = new KafkaSettings("b:9092", "http://r", Map.of("replication.factor", "5"))
                .withTopicReplication(TopicReplication.of((short) 3, null));

        assertThat(settings.streamsProps("app").getProperty("replication.factor")).isEqualTo("5");
    }

    @Test
    void refusesReplicationNoWriteCouldSatisfy() {
        assertThatThrownBy(() -> TopicReplication.of((short) 0, null)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TopicReplication.of(null, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TopicReplication.of((short) 1, 2)).hasMessageContaining("exceeds the replication factor 1");
    }
}
