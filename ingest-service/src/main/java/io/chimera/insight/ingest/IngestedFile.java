package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import java.util.List;

/**
 * Everything ingest made of one file, ready to publish in one transaction.
 *
 * @param file the file event (status, counts, warnings)
 * @param runs its runs and summaries, in file order
 * @param deadLetters one per unusable row, or one for the whole file when it was rejected
 */
public record IngestedFile(BenchmarkFile file, List<BenchmarkRun> runs, List<DeadLetter> deadLetters) {

    public IngestedFile {
        runs = List.copyOf(runs);
        deadLetters = List.copyOf(deadLetters);
    }

    /** The file's root-relative path: the key of its ingest state and dead letters. */
    public String path() {
        return file.getPath();
    }

    public String sha256() {
        return file.getSha256();
    }
}
