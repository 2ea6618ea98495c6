package io.chimera.insight.app.wiring;

import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders by rescanning them at an interval and publishing what is new or changed. The
 * publisher skips a file whose content was already published, so a rescan costs a read and a
 * hash per file, never a duplicate. A file still being written may be published and then
 * republished as a newer version that replaces it.
 *
 * <p>Superseded by the event-driven {@link io.chimera.insight.ingest.watch.FolderWatcher} with settle
 * detection, which {@code chimera ingest} and {@code chimera up} use; kept only while the bench's lag
 * probe still drives this poller.
 */
public final class FolderPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderPoller.class);

    private final List<Path> roots;
    private final IngestPass ingest;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "chimera-folder-poller"));

    public FolderPoller(List<Path> roots, IngestPass ingest) {
        this.roots = List.copyOf(roots);
        this.ingest = ingest;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::scanOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanOnce() {
        try {
            List<ScannedFile> files = new CorpusScanner().scan(roots);
            IngestPass.Tally tally = ingest.publishAll(files, done -> { });
            if (tally.published() > 0) {
                log.info("published {} file(s) ({} runs, {} dead letters)", tally.published(), tally.runs(),
                        tally.deadLetters());
            }
        } catch (RuntimeException e) {
            // The watcher never stops on bad input; the next scan tries again.
            log.error("scan of {} failed: {}", roots, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
