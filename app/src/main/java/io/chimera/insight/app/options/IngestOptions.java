package io.chimera.insight.app.options;

import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How files are read and published: shared by run, publish, ingest and up. */
public final class IngestOptions {

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Extra YAML mapping rules (rig field names -> canonical metrics), added to the bundled ones.")
    Path mapping;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "67108864",
            description = "Larger files are dead-lettered without being read (default: ${DEFAULT-VALUE}, 64 MiB).")
    long maxFileBytes;

    @Option(names = "--ingest-threads", paramLabel = "N",
            description = "Threads reading and parsing files ahead of the publisher (default: one per core).")
    Integer readers;

    @Option(names = "--files-per-transaction", paramLabel = "N",
            defaultValue = "" + IngestTuning.DEFAULT_MAX_FILES_PER_TRANSACTION,
            description = "Most files published in one Kafka transaction (default: ${DEFAULT-VALUE}). Each file is "
                    + "always all-or-nothing; a transaction takes the files already read, so a trickle of files is "
                    + "still published one by one, at once. 1 gives one transaction per file.")
    int filesPerTransaction;

    public IngestTuning tuning() {
        IngestTuning tuning = IngestTuning.defaults().withMaxFilesPerTransaction(filesPerTransaction);
        return readers == null ? tuning : tuning.withReaders(readers);
    }

    public FileIngestor ingestor() {
        return new FileIngestor(MappingRules.load(Optional.ofNullable(mapping)), maxFileBytes,
                java.time.Clock.systemUTC());
    }
}
