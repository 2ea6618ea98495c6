package io.chimera.insight.app.options;

import io.chimera.insight.ingest.IngestTuning;
import picocli.CommandLine.Option;

/** How ingest spreads its work: reader threads and files per transaction (commands and the bench alike). */
public final class IngestTuningOptions {

    @Option(names = "--ingest-threads", paramLabel = "N",
            description = "Threads reading and parsing files ahead of the publisher (default: one per core).")
    Integer readers;

    @Option(names = "--files-per-transaction", paramLabel = "N",
            description = "Most files published in one Kafka transaction (default: ${DEFAULT-VALUE}). Each file is "
                    + "always all-or-nothing; a transaction takes the files already read, so a trickle of files is "
                    + "still published one by one, at once. 1 gives one transaction per file.")
    int filesPerTransaction = IngestTuning.DEFAULT_MAX_FILES_PER_TRANSACTION;

    /** @throws IllegalArgumentException when a count is below 1 */
    public IngestTuning tuning() {
        IngestTuning tuning = IngestTuning.defaults().withMaxFilesPerTransaction(filesPerTransaction);
        return readers == null ? tuning : tuning.withReaders(readers);
    }
}
