package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The sizes of the records on topics, read back from the broker as they were stored (key and value
 * bytes, committed records only): what a record's shape really weighs, whatever the code that wrote it
 * meant it to be.
 */
public final class RecordSizes {

    /**
     * One topic's records.
     *
     * @param records records read (tombstones included)
     * @param bytes   their keys and values
     * @param largest the largest record's key and value
     */
    public record TopicSizes(long records, long bytes, long largest) {

        static final TopicSizes EMPTY = new TopicSizes(0, 0, 0);

        TopicSizes plus(long recordBytes) {
            return new TopicSizes(records + 1, bytes + recordBytes, Math.max(largest, recordBytes));
        }
    }

    private RecordSizes() {
    }

    /**
     * Each of {@code topics} read from its beginning to its end of now, in the order given; a topic
     * that does not exist reads as empty.
     *
     * @throws IllegalStateException when a topic could not be read to its end within {@code timeout}
     */
    public static Map<String, TopicSizes> read(KafkaSettings settings, Collection<String> topics, Duration timeout) {
        Map<String, TopicSizes> sizes = new LinkedHashMap<>();
        topics.forEach(topic -> sizes.put(topic, TopicSizes.EMPTY));
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(settings.consumerProps("bench-record-sizes"),
                topics, timeout, MissingTopic.EMPTY)) {
            boolean complete = reader.readToEnd(timeout, record -> sizes.merge(record.topic(), TopicSizes.EMPTY,
                    (was, none) -> was.plus(bytes(record))));
            if (!complete) {
                throw new IllegalStateException("could not read " + topics + " to their end within " + timeout);
            }
        }
        return sizes;
    }

    /**
     * The changelog topics of the Kafka Streams application {@code applicationId}
     * ({@code <application id>-<store>-changelog}), sorted by name.
     */
    public static List<String> changelogs(KafkaSettings settings, String applicationId) throws InterruptedException {
        try (Admin admin = Admin.create(settings.adminProps())) {
            List<String> names = new ArrayList<>();
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith(applicationId + "-") && name.endsWith("-changelog")) {
                    names.add(name);
                }
            }
            names.sort(null);
            return names;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + applicationId, e.getCause());
        }
    }

    private static long bytes(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
