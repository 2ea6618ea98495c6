package io.chimera.insight.ingest.watch;

import io.chimera.insight.ingest.scan.ScannedFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a {@link FolderWatcher} does with each file once it is complete. */
@FunctionalInterface
public interface SettledFileHandler {

    /**
     * A file that could not be handled, and why; the watcher offers it again after
     * {@code retryAfter}, or after its own delay when the handler names none.
     */
    record Failure(ScannedFile file, Exception error, Optional<Duration> retryAfter) {

        public Failure(ScannedFile file, Exception error) {
            this(file, error, Optional.empty());
        }
    }

    /**
     * Handles a file whose size and modification time stayed the same for the settle interval.
     * Called on the watcher's thread, one file at a time.
     *
     * @throws Exception to have the watcher offer the same file again later (a broker that is down);
     *                   bad content must not throw: it is the handler's to dead-letter
     */
    void settled(ScannedFile file) throws Exception;

    /**
     * Handles the files that settled together, in the order given (a handler that can do better than
     * one at a time, publishing them in shared transactions say, overrides this). Called on the
     * watcher's thread.
     *
     * @return the files that could not be handled; the others count as handled
     * @throws InterruptedException when the watcher is being stopped; files not handled yet are found
     *                              again at the next start
     */
    default List<Failure> settledAll(List<ScannedFile> files) throws InterruptedException {
        List<Failure> failures = new ArrayList<>();
        for (ScannedFile file : files) {
            try {
                settled(file);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.add(new Failure(file, e));
            }
        }
        return failures;
    }
}
