package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import java.util.List;

/**
 * What ingest made of one file: its event, what it counted, and the records it kept.
 *
 * <p>Read through an {@link IngestSink} ({@link FileIngestor#ingest(java.nio.file.Path, java.nio.file.Path,
 * IngestSink, java.util.function.Predicate)}), the runs and row dead letters went to the sink and are
 * not here; only a file rejected whole carries its one dead letter. Read with
 * {@link FileIngestor#ingest(java.nio.file.Path, java.nio.file.Path)}, every record is here.
 *
 * @param file the file event (status, counts, warnings)
 * @param reading whether the file was read, skipped as unchanged, or changed while it was read
 * @param counts runs per model and dead letters per stage
 * @param runs its runs and summaries, in file order, when collected
 * @param deadLetters its dead letters when collected; the one of a file rejected whole, always
 */
public record IngestedFile(BenchmarkFile file, Reading reading, FileCounts counts, List<BenchmarkRun> runs,
                           List<DeadLetter> deadLetters) {

    /** How the reading went. */
    public enum Reading {
        /** Read to its end: the file event says what it holds. */
        READ,
        /** Its digest is the one already published: not parsed, nothing to publish. */
        UNCHANGED,
        /** Its digest changed between the two passes: what was read mixes two versions and must not be published. */
        CHANGED_WHILE_READ
    }

    public IngestedFile {
        runs = List.copyOf(runs);
        deadLetters = List.copyOf(deadLetters);
    }

    /** A file read whole into lists. */
    public IngestedFile(BenchmarkFile file, List<BenchmarkRun> runs, List<DeadLetter> deadLetters) {
        this(file, Reading.READ, FileCounts.of(runs, deadLetters), runs, deadLetters);
    }

    /** The file's root-relative path: the key of its ingest state and dead letters. */
    public String path() {
        return file.getPath();
    }

    public String sha256() {
        return file.getSha256();
    }

    IngestedFile withRecords(List<BenchmarkRun> allRuns, List<DeadLetter> allDeadLetters) {
        return new IngestedFile(file, reading, counts, allRuns, allDeadLetters);
    }
}
