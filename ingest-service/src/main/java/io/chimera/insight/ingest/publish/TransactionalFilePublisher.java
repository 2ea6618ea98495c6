package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.IngestSink;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.ReadAbandoned;
import io.chimera.insight.platform.kafka.DeadLetters;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Transactions;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ingested files in Kafka transactions, each file whole inside one: its {@code BenchmarkFile} (key: file id)
 * on benchmark-files, its runs and summaries (key: model) on benchmark-runs, its dead letters
 * (key: path) on dead-letters, and its ingest-state entry (key: path, value: SHA-256). Consumers
 * reading committed data see all of a file or none of it, and the state entry commits with the
 * data, so a crash between files neither loses nor repeats one. A transaction may carry several
 * files ({@link #publishAll}); that changes nothing of the above, and saves a commit per file.
 *
 * <p>On {@link #start()} the publisher reads ingest-state to its end. A file whose SHA-256 equals
 * the published one is skipped; a changed file is published with {@code replacesSha256} set so
 * consumers can drop the runs of the version it replaces.
 *
 * <p>A file the cluster refuses (a record over {@code max.request.size}, say) or that cannot be encoded
 * for good ({@link PublishException#permanent}) is dead-lettered whole at the first failure: its own
 * transaction commits its file event (REJECTED, saying why), one dead letter (stage
 * {@value #STAGE}, the error's class, the producer's message) and its ingest-state entry, so the
 * same version is not offered again. {@link #giveUp} does the same for a file that failed too often.
 *
 * <p>Not thread-safe: one publisher per ingest loop. A publisher whose producer was fenced (another
 * instance started with the same transactional id) refuses further work.
 */
public final class TransactionalFilePublisher implements AutoCloseable {

    /** Transactional id used when none is given; one ingest instance per id. */
    public static final String DEFAULT_TRANSACTIONAL_ID = "chimera-ingest";

    /** The stage of the dead letter of a file that could not be published. */
    public static final String STAGE = "ingest.publish";

    private static final Logger log = LoggerFactory.getLogger(TransactionalFilePublisher.class);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaContext kafka;
    private final String transactionalId;
    /** Path to the version last committed; read by the reader threads too, to skip an unchanged file early. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private volatile boolean fenced; // read by health checks without waiting for a transaction
    private final PipelineMetrics metrics;

    public TransactionalFilePublisher(KafkaContext kafka, String transactionalId) {
        this(kafka, transactionalId, PipelineMetrics.none("ingest"));
    }

    /** @param metrics where each committed file, its runs and its dead letters are counted */
    public TransactionalFilePublisher(KafkaContext kafka, String transactionalId, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.kafka = kafka;
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
        KafkaProducer<byte[], byte[]> created =
                new KafkaProducer<>(kafka.settings().bulkTransactionalProducerProps(transactionalId));
        try {
            // Fence first: once initTransactions returns, no older instance can still commit state.
            created.initTransactions();
            Map<String, String> state = new IngestStateLoader(kafka, transactionalId + "-state")
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
     * Whether {@code sha256} is the version of {@code path} last committed, as far as this publisher
     * knows now: without waiting for a transaction in progress, or for the start (a reader asks it
     * before parsing; a version it misses is still skipped when its transaction is formed).
     */
    public boolean isPublished(String path, String sha256) {
        return sha256.equals(published.get(path));
    }

    /**
     * Publishes {@code file} unless this very version was published before.
     *
     * @throws PublishException when the transaction failed (it was aborted: nothing of the file is
     *                          visible, and the state still says unpublished, so a retry is safe)
     */
    public synchronized PublishOutcome publish(IngestedFile file) {
        Publication publication = publishAll(List.of(file)).get(0);
        if (publication instanceof Publication.Failed failed) {
            throw failed.error();
        }
        return ((Publication.Done) publication).outcome();
    }

    /**
     * Publishes the files not published before in one transaction: fewer commits, each costing a
     * round of transaction markers, is what lets ingest keep up with the producer. Each file is still
     * all or nothing, its ingest-state entry commits with its records, and files are committed in
     * the order given (a path given twice is published as two versions, the second replacing the
     * first).
     *
     * <p>When the cluster refuses a record of the shared transaction (over its size limit, say), the
     * files are tried again one transaction each, so that the file to blame fails alone, and is
     * dead-lettered. Any other failure (cluster unreachable, timed out) fails every file of the
     * transaction at once.
     *
     * @return one publication per file, in the order given
     * @throws IllegalStateException when this publisher was fenced by a newer instance
     */
    public synchronized List<Publication> publishAll(List<IngestedFile> files) {
        return publishPrepared(files.stream().map(this::prepare).toList());
    }

    /**
     * Encodes everything of {@code file} but its file event, ready for {@link #publishPrepared}.
     * Thread-safe: readers call it in parallel.
     */
    public PreparedFile prepare(IngestedFile file) {
        Outbox outbox = new Outbox(kafka.names(), kafka.serdes());
        DeadLetterLog logged = new DeadLetterLog();
        try {
            for (BenchmarkRun run : file.runs()) {
                outbox.send(Topics.BENCHMARK_RUNS, run.getModel(), run);
            }
            for (DeadLetter deadLetter : file.deadLetters()) {
                outbox.send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter);
                logged.add(deadLetter);
            }
            outbox.send(Topics.INGEST_STATE, file.path(), file.sha256());
        } catch (RuntimeException e) { // registry unreachable, schema rejected: nothing was sent
            return PreparedFile.failed(file, encodingFailed(file, e));
        }
        return PreparedFile.encoded(file, outbox.records(), logged.kept());
    }

    /**
     * Reads a file through {@code read} and encodes its records as they are made, on the calling
     * (reader) thread, for {@link #publishPrepared}; unless they come to more than {@code windowBytes}:
     * then reading stops, and the file is {@linkplain PreparedFile#needsStreaming marked} to be
     * {@linkplain #publishStreamed streamed} by the publishing thread. Thread-safe.
     *
     * @param read reads the file into the sink it is given ({@code FileIngestor.ingest})
     */
    public PreparedFile prepareWithin(long windowBytes, Function<IngestSink, IngestedFile> read) {
        WindowSink window = new WindowSink(kafka, windowBytes);
        IngestedFile file;
        try {
            file = read.apply(window);
        } catch (ReadAbandoned e) {
            return PreparedFile.tooLargeForWindow();
        }
        if (file.reading() == IngestedFile.Reading.CHANGED_WHILE_READ) {
            return PreparedFile.failed(file, changedWhileRead(file));
        }
        if (window.encodingFailure() != null) {
            return PreparedFile.failed(file, encodingFailed(file, window.encodingFailure()));
        }
        Outbox outbox = window.outbox();
        DeadLetterLog logged = window.deadLetters();
        try {
            for (DeadLetter deadLetter : file.deadLetters()) { // the one of a file rejected whole
                outbox.send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter);
                logged.add(deadLetter);
            }
            outbox.send(Topics.INGEST_STATE, file.path(), file.sha256());
        } catch (RuntimeException e) {
            return PreparedFile.failed(file, encodingFailed(file, e));
        }
        return PreparedFile.encoded(file, outbox.records(), logged.kept());
    }

    /**
     * Reads a file through {@code read} into a transaction of its own, each record sent as it is made
     * (the producer's buffer bounds what is in flight), then its file event and ingest-state entry,
     * and commits: a file whose records do not fit a reader's window. Consumers of committed data see
     * all of it or none. A file rejected whole on the way (a syntax error near its end, invalid bytes,
     * over the records limit) aborts the transaction and is published REJECTED with its dead letter
     * in a new one; a record the cluster refuses dead-letters the file whole, as in
     * {@link #publishPrepared}; a file that changed while it was read fails, to be read again.
     *
     * @param read reads the file into the sink it is given ({@code FileIngestor.ingest})
     */
    public synchronized Publication publishStreamed(Function<IngestSink, IngestedFile> read) {
        startUnlessFenced();
        StreamedTransaction transaction = new StreamedTransaction(kafka, producer);
        IngestedFile file;
        try {
            producer.beginTransaction();
            file = read.apply(transaction);
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fencedOff();
            throw new IllegalStateException("publisher " + transactionalId + " was fenced: " + e.getMessage(), e);
        }
        if (file.reading() == IngestedFile.Reading.UNCHANGED) {
            abort();
            return new Publication.Done(file, outcome(file, PublishOutcome.Action.SKIPPED, Optional.empty()));
        }
        if (file.reading() == IngestedFile.Reading.CHANGED_WHILE_READ) {
            abort();
            return new Publication.Failed(file, changedWhileRead(file));
        }
        if (transaction.discarded()) {
            abort();
            log.info("{} was rejected while it was streamed ({}); its transaction of {} records was aborted",
                    file.path(), file.file().getStatusReason(), transaction.sent());
            return publishPrepared(List.of(prepare(file))).get(0);
        }
        Optional<String> replaces = Optional.ofNullable(published.get(file.path())).filter(p -> !p.isEmpty());
        if (transaction.failure().isEmpty()) {
            BenchmarkFile event = BenchmarkFile.newBuilder(file.file()).setReplacesSha256(replaces.orElse(null)).build();
            transaction.send(Topics.BENCHMARK_FILES, event.getFileId(), event);
            transaction.send(Topics.INGEST_STATE, file.path(), file.sha256());
        }
        PublishException error;
        try {
            if (transaction.failure().isEmpty()) {
                producer.commitTransaction();
                published.put(file.path(), file.sha256());
                DeadLetterLog.log(file, transaction.deadLetters().kept());
                count(file);
                return new Publication.Done(file, outcome(file, PublishOutcome.Action.PUBLISHED, replaces));
            }
            error = streamFailed(file, transaction.failure().get());
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fencedOff();
            return new Publication.Failed(file, new PublishException("cannot publish " + file.path() + ": "
                    + e.getMessage(), e));
        } catch (KafkaException e) {
            error = streamFailed(file, transaction.failure().orElse(e));
        }
        abort();
        return error.permanent() ? deadLetter(file, error, error.reason().getMessage())
                : new Publication.Failed(file, error);
    }

    private static PublishException streamFailed(IngestedFile file, Throwable reason) {
        return new PublishException("publishing " + file.path() + " failed and was rolled back: "
                + reason.getMessage(), reason);
    }

    /** Not an error of the file or the cluster: the file is to be read again once it settles. */
    private static PublishException changedWhileRead(IngestedFile file) {
        return new PublishException(file.path() + ": " + file.file().getStatusReason(), null);
    }

    /** As {@link #publishAll}, for files {@linkplain #prepare prepared} beforehand. */
    public synchronized List<Publication> publishPrepared(List<PreparedFile> files) {
        List<Publication> publications = publishOnce(files, PublishOutcome.Action.PUBLISHED);
        List<Publication> result = new ArrayList<>(publications.size());
        for (Publication publication : publications) {
            result.add(publication instanceof Publication.Failed failed && failed.error().permanent()
                    ? deadLetter(failed.file(), failed.error(), failed.error().reason().getMessage())
                    : publication);
        }
        return result;
    }

    /**
     * Dead-letters {@code file} whole, after {@code attempts} attempts failed for reasons that may
     * have passed (the cluster unreachable): as for a file the cluster refuses (see above).
     *
     * @return DEAD_LETTERED, or why even that failed (the file stays unpublished)
     */
    public synchronized Publication giveUp(IngestedFile file, PublishException error, int attempts) {
        return deadLetter(file, error, "gave up after " + attempts + " attempts: " + error.reason().getMessage());
    }

    /** Publishes, in a transaction of its own, the file as REJECTED with one dead letter saying why. */
    private Publication deadLetter(IngestedFile file, PublishException error, String message) {
        if (fenced) {
            return new Publication.Failed(file, error);
        }
        IngestedFile rejected = new IngestedFile(BenchmarkFile.newBuilder(file.file())
                .setStatus(FileStatus.REJECTED)
                .setStatusReason("dead-lettered whole, not published: " + message)
                .setModels(List.of())
                .setRunCount(0)
                .setFailedRunCount(0)
                .setSummaryCount(0)
                .build(), List.of(), List.of(DeadLetters.of(STAGE, file.path(), "",
                        error.reason().getClass().getName(), message, "")));
        Publication publication = publishOnce(List.of(prepare(rejected)), PublishOutcome.Action.DEAD_LETTERED)
                .get(0);
        if (publication instanceof Publication.Failed failed) {
            return new Publication.Failed(file, new PublishException(error.getMessage()
                    + "; dead-lettering it failed too: " + failed.error().getMessage(), error.reason()));
        }
        return publication;
    }

    /** One attempt: the files in one transaction, or one by one when the cluster refused one of them. */
    private List<Publication> publishOnce(List<PreparedFile> files, PublishOutcome.Action action) {
        startUnlessFenced();
        Batch batch = new Batch(action);
        List<Publication> publications = new ArrayList<>(files.size());
        for (PreparedFile file : files) {
            publications.add(batch.add(file));
        }
        if (batch.isEmpty()) {
            return publications;
        }
        try {
            send(batch.describe(), batch.records());
        } catch (PublishException e) {
            if (fenced || batch.size() == 1 || !e.permanent()) {
                return batch.failAll(publications, e); // the cluster is the problem: every file would fail alike
            }
            log.info("a transaction of {} files failed ({}); publishing them one by one", batch.size(),
                    e.getMessage());
            return oneByOne(files);
        }
        batch.committed();
        return publications;
    }

    private List<Publication> oneByOne(List<PreparedFile> files) {
        List<Publication> publications = new ArrayList<>(files.size());
        for (PreparedFile file : files) {
            if (fenced) {
                publications.add(new Publication.Failed(file.file(), new PublishException("cannot publish "
                        + file.file().path() + ": publisher " + transactionalId + " was fenced by a newer instance",
                        null)));
            } else {
                publications.add(publishOnce(List.of(file), PublishOutcome.Action.PUBLISHED).get(0));
            }
        }
        return publications;
    }

    /** The files of one transaction, each with its file event encoded once the version it replaces is known. */
    private final class Batch {
        private final PublishOutcome.Action action;
        private final Map<String, String> pending = new LinkedHashMap<>();
        private final List<Publication> members = new ArrayList<>();
        private final List<PreparedFile> prepared = new ArrayList<>();
        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

        Batch(PublishOutcome.Action action) {
            this.action = action;
        }

        Publication add(PreparedFile candidate) {
            IngestedFile file = candidate.file();
            if (candidate.failure().isPresent()) {
                return new Publication.Failed(file, candidate.failure().get());
            }
            String path = file.path();
            String previous = pending.containsKey(path) ? pending.get(path) : published.get(path);
            if (file.reading() == IngestedFile.Reading.UNCHANGED || file.sha256().equals(previous)) {
                return new Publication.Done(file, outcome(file, PublishOutcome.Action.SKIPPED, Optional.empty()));
            }
            Optional<String> replaces = Optional.ofNullable(previous).filter(p -> !p.isEmpty());
            Outbox event = new Outbox(kafka.names(), kafka.serdes());
            try {
                BenchmarkFile value = BenchmarkFile.newBuilder(file.file()).setReplacesSha256(replaces.orElse(null))
                        .build();
                event.send(Topics.BENCHMARK_FILES, value.getFileId(), value);
            } catch (RuntimeException e) {
                return new Publication.Failed(file, encodingFailed(file, e));
            }
            pending.put(path, file.sha256());
            records.addAll(event.records());
            records.addAll(candidate.records());
            Publication done = new Publication.Done(file, outcome(file, action, replaces));
            members.add(done);
            prepared.add(candidate);
            return done;
        }

        boolean isEmpty() {
            return members.isEmpty();
        }

        int size() {
            return members.size();
        }

        String describe() {
            return members.size() == 1 ? members.get(0).file().path() : members.size() + " files";
        }

        List<ProducerRecord<byte[], byte[]>> records() {
            return records;
        }

        /** The transaction committed: remember the versions, then log and count each file. */
        void committed() {
            published.putAll(pending);
            for (PreparedFile file : prepared) {
                DeadLetterLog.log(file.file(), file.deadLettersToLog());
                count(file.file());
            }
        }

        /** The transaction failed: every file it held failed with it. */
        List<Publication> failAll(List<Publication> publications, PublishException error) {
            List<Publication> result = new ArrayList<>(publications.size());
            for (Publication publication : publications) {
                result.add(members.stream().anyMatch(member -> member == publication)
                        ? new Publication.Failed(publication.file(), error) : publication);
            }
            return result;
        }
    }

    private static PublishException encodingFailed(IngestedFile file, RuntimeException e) {
        return new PublishException("cannot encode the records of " + file.path() + ": " + e.getMessage(), e);
    }

    /** Counts a file just committed: by status, its runs by outcome, its dead letters by stage. */
    private void count(IngestedFile file) {
        metrics.fileIngested(file.file().getStatus());
        long failed = file.file().getFailedRunCount();
        metrics.runsIngested(file.file().getRunCount() - failed, failed);
        file.counts().deadLettersByStage().forEach((stage, n) -> metrics.deadLetters(Collections.nCopies(n.intValue(),
                stage)));
    }

    /** Whether a newer instance with the same transactional id took over; this one then refuses work. */
    public boolean isFenced() {
        return fenced;
    }

    private void send(String what, List<ProducerRecord<byte[], byte[]>> records) {
        Optional<Throwable> refused;
        try {
            refused = Transactions.commit(producer, records, Map.of(), null);
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fencedOff();
            throw new PublishException("cannot publish " + what + ": " + e.getMessage(), e);
        }
        if (refused.isPresent()) {
            abort();
            throw new PublishException("publishing " + what + " failed and was rolled back: "
                    + refused.get().getMessage(), refused.get());
        }
    }

    /** Starts the publisher if need be; refuses once a newer instance fenced it. */
    private void startUnlessFenced() {
        if (fenced) {
            throw new IllegalStateException("publisher " + transactionalId + " was fenced by a newer instance");
        }
        start();
    }

    /** A newer instance took over (or the producer may no longer write): this publisher refuses all further work. */
    private void fencedOff() {
        fenced = true;
        closeProducer();
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
        return new PublishOutcome(file.path(), action, file.sha256(), replaces, file.file().getStatus(),
                file.file().getRunCount(), file.file().getSummaryCount(), file.counts().deadLetters());
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
