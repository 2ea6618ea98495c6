package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each ingested file in one Kafka transaction: its {@code BenchmarkFile} (key: file id)
 * on benchmark-files, its runs and summaries (key: model) on benchmark-runs, its dead letters
 * (key: path) on dead-letters, and its ingest-state entry (key: path, value: SHA-256). Consumers
 * reading committed data see all of a file or none of it, and the state entry commits with the
 * data, so a crash between files neither loses nor repeats one.
 *
 * <p>On {@link #start()} the publisher reads ingest-state to its end. A file whose SHA-256 equals
 * the published one is skipped; a changed file is published with {@code replacesSha256} set so
 * consumers can drop the runs of the version it replaces.
 *
 * <p>Not thread-safe: one publisher per ingest loop. A publisher whose producer was fenced (another
 * instance started with the same transactional id) refuses further work.
 */
public final class TransactionalFilePublisher implements AutoCloseable {

    /** Transactional id used when none is given; one ingest instance per id. */
    public static final String DEFAULT_TRANSACTIONAL_ID = "chimera-ingest";

    private static final Logger log = LoggerFactory.getLogger(TransactionalFilePublisher.class);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final String transactionalId;
    private final Map<String, String> published = new HashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private volatile boolean fenced; // read by health checks without waiting for a transaction
    private final PipelineMetrics metrics;

    public TransactionalFilePublisher(KafkaSettings settings, TopicNames names, EventSerdes serdes,
                                      String transactionalId) {
        this(settings, names, serdes, transactionalId, PipelineMetrics.none("ingest"));
    }

    /** @param metrics where each committed file, its runs and its dead letters are counted */
    public TransactionalFilePublisher(KafkaSettings settings, TopicNames names, EventSerdes serdes,
                                      String transactionalId, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.names = names;
        this.serdes = serdes;
        this.transactionalId = transactionalId;
    }

    /**
     * Registers the transactional producer (fencing any older instance with the same id) and reads
     * ingest-state to its end. Called by the first {@link #publish} or {@link #publishedSha256} if not
     * called before.
     *
     * @throws IllegalStateException when the state cannot be read in time
     */
    public synchronized void start() {
        if (producer != null) {
            return;
        }
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(settings.transactionalProducerProps(transactionalId));
        try {
            // Fence first: once initTransactions returns, no older instance can still commit state.
            created.initTransactions();
            Map<String, String> state = new IngestStateLoader(settings, names, serdes, transactionalId + "-state")
                    .load(STATE_TIMEOUT);
            published.putAll(state);
            log.info("ingest state: {} files already published", state.size());
        } catch (TimeoutException e) {
            created.close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        producer = created;
    }

    /** The SHA-256 of the version of {@code path} last published, if any (starts the publisher if needed). */
    public synchronized Optional<String> publishedSha256(String path) {
        start();
        return Optional.ofNullable(published.get(path));
    }

    /**
     * Publishes {@code file} unless this very version was published before.
     *
     * @throws PublishException when the transaction failed (it was aborted: nothing of the file is
     *                          visible, and the state still says unpublished, so a retry is safe)
     */
    public synchronized PublishOutcome publish(IngestedFile file) {
        if (fenced) {
            throw new IllegalStateException("publisher " + transactionalId + " was fenced by a newer instance");
        }
        start();
        String path = file.path();
        String previous = published.get(path);
        if (file.sha256().equals(previous)) {
            return outcome(file, PublishOutcome.Action.SKIPPED, Optional.empty());
        }
        Optional<String> replaces = Optional.ofNullable(previous).filter(p -> !p.isEmpty());
        Outbox outbox;
        try {
            outbox = outboxFor(file, replaces);
        } catch (RuntimeException e) { // registry unreachable, schema rejected: nothing was sent
            throw new PublishException("cannot encode the records of " + path + ": " + e.getMessage(), e);
        }
        send(path, outbox);
        published.put(path, file.sha256());
        logDeadLetters(file);
        count(file, outbox);
        return outcome(file, PublishOutcome.Action.PUBLISHED, replaces);
    }

    /** Counts what was just committed: the file by status, its runs by outcome, its dead letters by stage. */
    private void count(IngestedFile file, Outbox outbox) {
        metrics.fileIngested(file.file().getStatus());
        long runs = file.runs().stream().filter(r -> r.getKind() == RecordKind.RUN).count();
        long failed = file.runs().stream().filter(r -> r.getKind() == RecordKind.RUN && !r.getOk()).count();
        metrics.runsIngested(runs - failed, failed);
        metrics.deadLetters(outbox.deadLetterStages());
    }

    /** One line per dead letter, once it is committed: what an operator greps for. */
    private static void logDeadLetters(IngestedFile file) {
        for (DeadLetter deadLetter : file.deadLetters()) {
            log.warn("dead letter: {} {} [{} {}]: {}", deadLetter.getSource(),
                    deadLetter.getLocator().isEmpty() ? "(whole file)" : deadLetter.getLocator(),
                    deadLetter.getStage(), deadLetter.getErrorClass(), deadLetter.getMessage());
        }
    }

    /** Whether a newer instance with the same transactional id took over; this one then refuses work. */
    public boolean isFenced() {
        return fenced;
    }

    private Outbox outboxFor(IngestedFile file, Optional<String> replaces) {
        BenchmarkFile event = BenchmarkFile.newBuilder(file.file()).setReplacesSha256(replaces.orElse(null)).build();
        Outbox outbox = new Outbox(names, serdes);
        outbox.send(Topics.BENCHMARK_FILES, event.getFileId(), event);
        for (BenchmarkRun run : file.runs()) {
            outbox.send(Topics.BENCHMARK_RUNS, run.getModel(), run);
        }
        for (DeadLetter deadLetter : file.deadLetters()) {
            outbox.send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter);
        }
        outbox.send(Topics.INGEST_STATE, file.path(), file.sha256());
        return outbox;
    }

    private void send(String path, Outbox outbox) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : outbox.records()) {
                producer.send(record);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fenced = true;
            closeProducer();
            throw new PublishException("cannot publish " + path + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            abort();
            throw new PublishException("publishing " + path + " failed and was rolled back: " + e.getMessage(), e);
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("abort failed; closing the producer: {}", e.getMessage());
            closeProducer();
        }
    }

    private static PublishOutcome outcome(IngestedFile file, PublishOutcome.Action action, Optional<String> replaces) {
        int runs = (int) file.runs().stream().filter(r -> r.getKind() == RecordKind.RUN).count();
        return new PublishOutcome(file.path(), action, file.sha256(), replaces, file.file().getStatus(), runs,
                file.runs().size() - runs, file.deadLetters().size());
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeProducer();
    }
}
