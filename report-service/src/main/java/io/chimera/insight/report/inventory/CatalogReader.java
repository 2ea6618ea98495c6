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
 * start). The report handler reads its {@link #inventory} before it renders, so the report sees every
 * file event committed before its analysis result; a timer may {@link #catchUp} between reports, so
 * that what follows the catalog (the dead-letter listing) hears of dead letters as they come. One
 * thread at a time reads and uses the catalog: every method holds this reader's lock.
 */
public final class CatalogReader implements AutoCloseable {

    /** Told of the catalog after a read that added to it, under the reader's lock. */
    @FunctionalInterface
    public interface Listener {

        /**
         * @param complete whether the topics were read to their end: the catalog holds everything
         *                 committed so far, or only part of it
         */
        void read(FileCatalog catalog, boolean complete);
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final Listener listener;
    private final FileCatalog catalog = new FileCatalog();
    private TopicSnapshotReader reader;
    private long toldChanges = -1;
    private boolean toldComplete;

    public CatalogReader(KafkaContext kafka) {
        this(kafka, (catalog, complete) -> { });
    }

    public CatalogReader(KafkaContext kafka, Listener listener) {
        this.settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
        this.listener = listener;
    }

    /**
     * Reads every record committed so far, then tells the listener if that added to the catalog (or
     * is the first read to the end).
     *
     * @return whether it got to the end within {@code limit}; the catalog holds what was read either way
     */
    public synchronized boolean catchUp(Duration limit) {
        boolean complete;
        try {
            complete = reader().readToEnd(limit, this::add);
        } catch (KafkaException e) {
            log.warn("file catalog not refreshed: {}", e.getMessage());
            complete = false;
        }
        if (catalog.changes() != toldChanges || (complete && !toldComplete)) {
            toldChanges = catalog.changes();
            toldComplete |= complete;
            listener.read(catalog, complete);
        }
        return complete;
    }

    /** {@link #catchUp}, then the inventory of {@code paths} as the catalog knows them. */
    public synchronized Inventory inventory(List<String> paths, Duration limit) {
        boolean complete = catchUp(limit);
        return Inventory.of(paths, catalog, complete);
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
            // Not skipped when the registry could not serve it: lost to the catalog for good, later reports
            // would call their inventory complete.
            TopicSnapshotReader.stopIfRegistryUnavailable(record, e);
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
