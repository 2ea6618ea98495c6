package io.chimera.insight.app.options;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestLimits;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How files are read and published: shared by run, publish, ingest and up. */
public final class IngestOptions {

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Extra YAML mapping rules (rig field names -> canonical metrics), added to the bundled ones.")
    Path mapping;

    @Option(names = "--max-file-size", paramLabel = "BYTES",
            description = "Larger files are dead-lettered without being read (default: ${DEFAULT-VALUE}).")
    long maxFileBytes = FileIngestor.DEFAULT_MAX_FILE_BYTES;

    @Option(names = "--ingest-window", paramLabel = "BYTES",
            description = "Most bytes of encoded records a reader holds for one file (default: ${DEFAULT-VALUE}). A "
                    + "file with fewer shares transactions with other small files; a larger one is streamed into a "
                    + "transaction of its own, so memory per file stays bounded whatever its size.")
    long windowBytes = IngestTuning.DEFAULT_WINDOW_BYTES;

    @Option(names = "--max-records-per-file", paramLabel = "N",
            description = "Most records (runs, summaries, dead letters) one file may publish (default: "
                    + "${DEFAULT-VALUE}); a file is one Kafka transaction, which must commit in time. A file with "
                    + "more is dead-lettered whole, naming this limit.")
    long maxRecordsPerFile = IngestLimits.DEFAULT_MAX_RECORDS_PER_FILE;

    @Option(names = "--max-document-size", paramLabel = "CHARS",
            description = "Most characters of a document read whole: a JSON file whose root is not an array, or "
                    + "Markdown, whose records take context from anywhere in it (default: ${DEFAULT-VALUE}). A "
                    + "larger one is dead-lettered, naming this limit; CSV, NDJSON and JSON arrays are streamed.")
    long maxDocumentChars = IngestLimits.DEFAULT_MAX_DOCUMENT_CHARS;

    @Mixin
    IngestTuningOptions tuning;

    /**
     * How files are read and published, by a producer with {@code transactionalId}.
     *
     * @throws IllegalArgumentException when a count or limit is below 1 or the mapping file cannot be used
     */
    public ServiceFactory.IngestTarget target(String transactionalId) {
        IngestTuning counts = tuning.tuning().withWindowBytes(windowBytes);
        FileIngestor ingestor = new FileIngestor(MappingRules.load(Optional.ofNullable(mapping)),
                new IngestLimits(maxFileBytes, maxDocumentChars, maxRecordsPerFile), Clock.systemUTC());
        return new ServiceFactory.IngestTarget(ingestor, counts, transactionalId);
    }
}
