package io.chimera.insight.platform.kafka.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What needs no broker; reading a broker's topics is {@code TopicSnapshotReaderIT} (ingest-service). */
class TopicSnapshotReaderTest {

    private static final String TOPIC = "chimera.reports";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void recordsPastTheEndsTakenAtTheStartAreLeftToTheNextRead() {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 2L, P1, 1L));
        TopicSnapshotReader reader = TopicSnapshotReader.assign(consumer, "test-cluster", List.of(TOPIC), TIMEOUT,
                MissingTopic.FAIL);
        // Written after the ends were taken, fetched with the records before them.
        for (long offset = 0; offset < 4; offset++) {
            consumer.addRecord(record(P0, offset));
        }
        consumer.addRecord(record(P1, 0));

        List<String> first = new ArrayList<>();
        assertThat(reader.readToEnd(TIMEOUT, r -> first.add(r.partition() + "@" + r.offset()))).isTrue();
        assertThat(first).containsExactlyInAnyOrder("0@0", "0@1", "1@0");
        assertThat(consumer.position(P0)).isEqualTo(2);
        assertThat(consumer.paused()).isEmpty();

        consumer.updateEndOffsets(Map.of(P0, 4L, P1, 1L));
        for (long offset = 2; offset < 4; offset++) {
            consumer.addRecord(record(P0, offset)); // fetched again from where the first read stopped
        }
        List<String> second = new ArrayList<>();
        assertThat(reader.readToEnd(TIMEOUT, r -> second.add(r.partition() + "@" + r.offset()))).isTrue();
        assertThat(second).containsExactly("0@2", "0@3");
        reader.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aReadThatDoesNotGetToTheEndInTimeSaysSoAndKeepsWhatItRead() {
        consumer.updatePartitions(TOPIC, List.of(partition(0)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 5L));
        TopicSnapshotReader reader = TopicSnapshotReader.assign(consumer, "test-cluster", List.of(TOPIC), TIMEOUT,
                MissingTopic.FAIL);
        consumer.addRecord(record(P0, 0));
        consumer.addRecord(record(P0, 1)); // the rest never comes

        List<Long> read = new ArrayList<>();
        assertThat(reader.readToEnd(Duration.ofMillis(300), r -> read.add(r.offset()))).isFalse();
        assertThat(read).containsExactly(0L, 1L);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void aMissingTopicReadsEmptyOrFailsNamingItAndTheCluster() {
        consumer.updatePartitions(TOPIC, List.of());
        TopicSnapshotReader reader = TopicSnapshotReader.assign(consumer, "test-cluster", List.of(TOPIC), TIMEOUT,
                MissingTopic.EMPTY);
        assertThat(reader.readToEnd(TIMEOUT, r -> { })).isTrue();

        MockConsumer<byte[], byte[]> failing = new MockConsumer<>("earliest");
        failing.updatePartitions(TOPIC, List.of());
        assertThatThrownBy(() -> TopicSnapshotReader.assign(failing, "test-cluster", List.of(TOPIC), TIMEOUT,
                MissingTopic.FAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic chimera.reports does not exist at test-cluster");
        assertThat(failing.closed()).isTrue();
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutNamingTopicAndCluster() throws IOException {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + socket.getLocalPort(); // free once closed: nothing listens there
        }
        KafkaSettings settings = new KafkaSettings(nobody, "http://127.0.0.1:1");

        assertThatThrownBy(() -> TopicSnapshotReader.open(settings.consumerProps("test-reader"), List.of(TOPIC),
                Duration.ofMillis(500), MissingTopic.EMPTY))
                .isInstanceOf(TopicReadException.class)
                .isInstanceOf(KafkaException.class)
                .hasMessageStartingWith("cannot read chimera.reports: " + nobody
                        + " did not name its partitions within 500 ms");
    }

    private static PartitionInfo partition(int number) {
        return new PartitionInfo(TOPIC, number, null, null, null);
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, new byte[0], new byte[0]);
    }
}
