package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads one of our topics from the beginning to its current end, decoded: what a figure is computed from. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Every committed value of {@code topic} (tombstones skipped), with its record timestamp: as far as
     * it got when {@code timeout} passed.
     */
    public static <V> List<Timestamped<V>> readAll(KafkaContext kafka, Topic<V> topic, Duration timeout) {
        String name = kafka.names().of(topic);
        List<Timestamped<V>> values = new ArrayList<>();
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(kafka.settings().consumerProps("bench-reader"),
                List.of(name), timeout, MissingTopic.EMPTY)) {
            reader.readToEnd(timeout, record -> {
                if (record.value() != null) {
                    values.add(new Timestamped<>(record.timestamp(),
                            kafka.serdes().value(topic).deserializer().deserialize(name, record.value())));
                }
            });
        }
        return values;
    }

    /** A value and the timestamp of its record (epoch millis). */
    public record Timestamped<V>(long timestamp, V value) {
    }
}
