package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;

/**
 * Where {@link FileIngestor} sends a file's runs and dead letters as it makes them, so that no list of
 * them is held: the publisher encodes them into a bounded window, or streams them into the file's
 * transaction. Calls come in file order, on the reading thread.
 *
 * <p>A sink may refuse to go on by throwing {@link ReadAbandoned} (its window is full, its transaction
 * failed); the read then stops at once and its result is not used.
 */
public interface IngestSink {

    void run(BenchmarkRun run);

    void deadLetter(DeadLetter deadLetter);

    /**
     * The file turned out unusable as a whole (a syntax error near its end, bytes invalid in its
     * encoding, too many records): forget every run and dead letter sent so far. Its one dead letter
     * saying why comes with the {@link IngestedFile}.
     */
    void discard();
}
