package io.chimera.insight.report.inventory;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link FileCatalog} from the {@code benchmark-files} and {@code dead-letters} topics, read
 * from the beginning with no consumer group (nothing to commit: the catalog is rebuilt at each
 * start). {@link #catchUp} is called by the report handler before it renders, on the handler's own
 * thread, so the consumer is never shared between threads, and the report sees every file event
 * committed before its analysis result.
 */
public final class CatalogReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final FileCatalog catalog = new FileCatalog();
    private TopicSnapshotReader reader;

    public CatalogReader(KafkaContext kafka) {
        this.settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
    }

    public FileCatalog catalog() {
        return catalog;
    }

    /**
     * Reads every record committed so far.
     *
     * @return whether it got to the end within {@code limit}; the catalog holds what was read either way
     */
    public synchronized boolean catchUp(Duration limit) {
        try {
            return reader().readToEnd(limit, this::add);
        } catch (KafkaException e) {
            log.warn("file catalog not refreshed: {}", e.getMessage());
            return false;
        }
    }

    /** Opened on first use; a failed opening is tried again by the next report. */
    private TopicSnapshotReader reader() {
        if (reader == null) {
            reader = TopicSnapshotReader.open(settings.consumerProps("chimera-report-catalog"),
                    List.of(names.of(Topics.BENCHMARK_FILES), names.of(Topics.DEAD_LETTERS)), Duration.ofSeconds(30),
                    MissingTopic.EMPTY);
        }
        return reader;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(names.of(Topics.BENCHMARK_FILES))) {
                BenchmarkFile file = serdes.value(Topics.BENCHMARK_FILES).deserializer()
                        .deserialize(record.topic(), record.value());
                catalog.add(file);
            } else {
                DeadLetter letter = serdes.value(Topics.DEAD_LETTERS).deserializer()
                        .deserialize(record.topic(), record.value());
                catalog.add(letter);
            }
        } catch (RuntimeException e) {
            // Not our input to dead-letter: the report only loses this file's inventory line.
            log.warn("skipping undecodable {}/{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
