package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.ingest.watch.FolderWatcher;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.service.ChimeraService;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: a {@link FolderWatcher} over the given folders hands each complete file to the
 * {@link FileIngestor}, and the {@link TransactionalFilePublisher} publishes it in one transaction
 * unless this very version was published before (by this instance or an earlier one: the state is
 * read back from Kafka at start). A failed transaction is retried later by the watcher; a publisher
 * fenced by a newer instance with the same transactional id stops the service.
 */
public final class IngestService implements ChimeraService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final FileIngestor ingestor;
    private final TransactionalFilePublisher publisher;
    private final Consumer<PublishOutcome> onOutcome;
    private final FolderWatcher watcher;

    /**
     * @param onOutcome hears what became of each file handed over (published or already published),
     *                  on the watcher's thread
     */
    public IngestService(List<Path> folders, WatchOptions options, FileIngestor ingestor,
                         TransactionalFilePublisher publisher, Consumer<PublishOutcome> onOutcome) {
        this.ingestor = ingestor;
        this.publisher = publisher;
        this.onOutcome = onOutcome;
        this.watcher = new FolderWatcher(folders, options, this::ingest);
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

    private void ingest(ScannedFile file) {
        IngestedFile ingested = ingestor.ingest(file.root(), file.file());
        PublishOutcome outcome;
        try {
            outcome = publisher.publish(ingested);
        } catch (RuntimeException e) {
            if (publisher.isFenced()) {
                log.error("another ingest instance took over this one's transactional id; stopping: {}",
                        e.getMessage());
                watcher.close();
            }
            throw e;
        }
        if (outcome.published()) {
            log.info("published {}: {}, {} runs, {} summaries, {} dead letters{}", outcome.path(),
                    outcome.fileStatus(), outcome.runs(), outcome.summaries(), outcome.deadLetters(),
                    outcome.replacedSha256().map(sha -> ", replacing version " + sha).orElse(""));
        }
        onOutcome.accept(outcome);
    }

    @Override
    public boolean isRunning() {
        return watcher.isRunning() && !publisher.isFenced();
    }

    /** Stops watching (a file being published is finished first), then closes the producer. */
    @Override
    public void close() {
        watcher.close();
        publisher.close();
    }
}
