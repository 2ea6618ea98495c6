package io.chimera.insight.ingest.watch;

import io.chimera.insight.ingest.scan.ScannedFile;

/** What a {@link FolderWatcher} does with each file once it is complete. */
@FunctionalInterface
public interface SettledFileHandler {

    /**
     * Handles a file whose size and modification time stayed the same for the settle interval.
     * Called on the watcher's thread, one file at a time.
     *
     * @throws Exception to have the watcher offer the same file again later (a broker that is down);
     *                   bad content must not throw: it is the handler's to dead-letter
     */
    void settled(ScannedFile file) throws Exception;
}
