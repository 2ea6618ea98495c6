package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.ingest.watch.FolderWatcher;
import io.chimera.insight.ingest.watch.SettledFileHandler;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.kafka.RetryPolicy;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.ServiceHealth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: a {@link FolderWatcher} over the given folders hands the files that are
 * complete to a {@link ParallelIngest}, which reads them on several threads and publishes them in
 * shared transactions, skipping any version published before (by this instance or an earlier one:
 * the state is read back from Kafka at start). A file the cluster refuses is dead-lettered by the
 * publisher at once. A file whose transaction failed otherwise (cluster unreachable) is offered again
 * by the watcher after the {@link RetryPolicy}'s growing delay, and dead-lettered once its attempts
 * are spent; meanwhile {@link #health} says DEGRADED. A publisher fenced by a newer instance with
 * the same transactional id stops the service.
 */
public final class IngestService implements ChimeraService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final TransactionalFilePublisher publisher;
    private final ParallelIngest ingest;
    private final Consumer<PublishOutcome> onOutcome;
    private final FolderWatcher watcher;
    private final FailingFiles failing;

    /**
     * @param onOutcome hears what became of each file handed over (published, dead-lettered or already
     *                  published), on the watcher's thread
     */
    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, Consumer<PublishOutcome> onOutcome) {
        this(folders, options, ingestor, publisher, IngestTuning.defaults(), onOutcome);
    }

    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, IngestTuning tuning,
                         Consumer<PublishOutcome> onOutcome) {
        this(folders, options, ingestor, publisher, tuning, RetryPolicy.INGEST, onOutcome);
    }

    /** @param retry how a file whose publication failed for a reason that may pass is retried */
    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, IngestTuning tuning, RetryPolicy retry,
                         Consumer<PublishOutcome> onOutcome) {
        this.failing = new FailingFiles(retry, Math::random);
        this.publisher = publisher;
        this.ingest = new ParallelIngest(ingestor, publisher, tuning);
        this.onOutcome = onOutcome;
        this.watcher = new FolderWatcher(folders, options, new Handler());
    }

    @Override
    public String name() {
        return "ingest";
    }

    /**
     * Reads the ingest state back from Kafka (fencing any older instance with the same transactional
     * id), then starts watching.
     */
    @Override
    public void start() {
        publisher.start();
        watcher.start();
    }

    /** Publishes what the watcher hands over, and tells the watcher which files to offer again. */
    private final class Handler implements SettledFileHandler {

        @Override
        public void settled(ScannedFile file) throws Exception {
            List<Failure> failures = settledAll(List.of(file));
            if (!failures.isEmpty()) {
                throw failures.get(0).error();
            }
        }

        @Override
        public List<Failure> settledAll(List<ScannedFile> files) throws InterruptedException {
            List<Failure> failures = new ArrayList<>();
            try {
                ingest.ingestAll(files, result -> {
                    if (result.publication() instanceof Publication.Done done) {
                        done(done);
                    } else {
                        failed(result.source(), (Publication.Failed) result.publication()).ifPresent(failures::add);
                    }
                });
            } catch (IllegalStateException e) {
                if (!publisher.isFenced()) {
                    throw e;
                }
                log.error("another ingest instance took over this one's transactional id; stopping: {}",
                        e.getMessage());
                watcher.close();
            }
            return failures;
        }
    }

    private void done(Publication.Done done) {
        failing.settled(done.file().path());
        logPublished(done.outcome());
        onOutcome.accept(done.outcome());
    }

    /**
     * A failed attempt: the file is offered again after the policy's delay, or, its attempts spent,
     * dead-lettered; when even that fails, it is left alone until it changes or ingest restarts.
     */
    private Optional<SettledFileHandler.Failure> failed(ScannedFile source, Publication.Failed failed) {
        FailingFiles.Retry retry = failing.failed(failed.file().path(), failed.file().sha256(), failed.error());
        if (retry.delay().isPresent()) {
            return Optional.of(new SettledFileHandler.Failure(source, failed.error(), retry.delay()));
        }
        Publication last = publisher.giveUp(failed.file(), failed.error(), retry.attempts());
        if (last instanceof Publication.Done done) {
            done(done);
        } else {
            log.error("gave up on {} after {} attempts and could not dead-letter it; it is read again when it "
                    + "changes or ingest restarts: {}", failed.file().path(), retry.attempts(),
                    ((Publication.Failed) last).error().getMessage());
        }
        return Optional.empty();
    }

    private static void logPublished(PublishOutcome outcome) {
        if (outcome.action() == PublishOutcome.Action.PUBLISHED) {
            log.info("published {}: {}, {} runs, {} summaries, {} dead letters{}", outcome.path(),
                    outcome.fileStatus(), outcome.runs(), outcome.summaries(), outcome.deadLetters(),
                    outcome.replacedSha256().map(sha -> ", replacing version " + sha).orElse(""));
        }
    }

    @Override
    public boolean isRunning() {
        return watcher.isRunning() && !publisher.isFenced();
    }

    /** DOWN when not running; DEGRADED while files fail to publish and wait for another attempt. */
    @Override
    public ServiceHealth health() {
        return failing.health(isRunning());
    }

    /** Stops watching (the files being published are finished first), then closes the readers and the producer. */
    @Override
    public void close() {
        watcher.close();
        ingest.close();
        publisher.close();
    }
}
