package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.ingest.watch.FolderWatcher;
import io.chimera.insight.ingest.watch.SettledFileHandler;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.service.ChimeraService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: a {@link FolderWatcher} over the given folders hands the files that are
 * complete to a {@link ParallelIngest}, which reads them on several threads and publishes them in
 * shared transactions, skipping any version published before (by this instance or an earlier one:
 * the state is read back from Kafka at start). A file whose transaction failed is offered again by
 * the watcher later; a publisher fenced by a newer instance with the same transactional id stops the
 * service.
 */
public final class IngestService implements ChimeraService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final TransactionalFilePublisher publisher;
    private final ParallelIngest ingest;
    private final Consumer<PublishOutcome> onOutcome;
    private final FolderWatcher watcher;

    /**
     * @param onOutcome hears what became of each file handed over (published or already published),
     *                  on the watcher's thread
     */
    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, Consumer<PublishOutcome> onOutcome) {
        this(folders, options, ingestor, publisher, IngestTuning.defaults(), onOutcome);
    }

    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, IngestTuning tuning,
                         Consumer<PublishOutcome> onOutcome) {
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
                        logPublished(done.outcome());
                        onOutcome.accept(done.outcome());
                    } else {
                        failures.add(new Failure(result.source(), ((Publication.Failed) result.publication()).error()));
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

    private static void logPublished(PublishOutcome outcome) {
        if (outcome.published()) {
            log.info("published {}: {}, {} runs, {} summaries, {} dead letters{}", outcome.path(),
                    outcome.fileStatus(), outcome.runs(), outcome.summaries(), outcome.deadLetters(),
                    outcome.replacedSha256().map(sha -> ", replacing version " + sha).orElse(""));
        }
    }

    @Override
    public boolean isRunning() {
        return watcher.isRunning() && !publisher.isFenced();
    }

    /** Stops watching (the files being published are finished first), then closes the readers and the producer. */
    @Override
    public void close() {
        watcher.close();
        ingest.close();
        publisher.close();
    }
}
