package io.chimera.insight.ingest.publish;

import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the compacted {@code ingest-state} topic from the beginning to its end (committed data
 * only): path to the SHA-256 of the last version published. A tombstone forgets a path. The
 * topic is read by assignment, not as a consumer group, because every ingest instance needs all of
 * it and nothing is committed.
 */
final class IngestStateLoader {

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final String clientId;

    IngestStateLoader(KafkaContext kafka, String clientId) {
        this.settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
        this.clientId = clientId;
    }

    Map<String, String> load(Duration timeout) throws TimeoutException {
        String topic = names.of(Topics.INGEST_STATE);
        Map<String, String> state = new HashMap<>();
        Deserializer<String> keys = serdes.key().deserializer();
        Deserializer<String> values = serdes.value(Topics.INGEST_STATE).deserializer();
        // No topic yet: nothing was ever published.
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(settings.consumerProps(clientId), List.of(topic),
                timeout, MissingTopic.EMPTY)) {
            boolean complete = reader.readToEnd(timeout, record -> {
                String path = keys.deserialize(topic, record.key());
                if (record.value() == null) {
                    state.remove(path);
                } else {
                    state.put(path, values.deserialize(topic, record.value()));
                }
            });
            if (!complete) {
                throw new TimeoutException("could not read " + topic + " to its end within " + timeout);
            }
        }
        return state;
    }
}
