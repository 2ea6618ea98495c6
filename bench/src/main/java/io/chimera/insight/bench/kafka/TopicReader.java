package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
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
    public static <V> List<Timestamped<V>> readAll(KafkaSettings settings, TopicNames names, EventSerdes serdes,
                                                   Topic<V> topic, Duration timeout) {
        String name = names.of(topic);
        List<Timestamped<V>> values = new ArrayList<>();
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(settings.consumerProps("bench-reader"),
                List.of(name), timeout, MissingTopic.EMPTY)) {
            reader.readToEnd(timeout, record -> {
                if (record.value() != null) {
                    values.add(new Timestamped<>(record.timestamp(),
                            serdes.value(topic).deserializer().deserialize(name, record.value())));
                }
            });
        }
        return values;
    }

    /** A value and the timestamp of its record (epoch millis). */
    public record Timestamped<V>(long timestamp, V value) {
    }
}
