package io.chimera.insight.app.options;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.FileIngestor;
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

    @Mixin
    IngestTuningOptions tuning;

    /**
     * How files are read and published, by a producer with {@code transactionalId}.
     *
     * @throws IllegalArgumentException when a count is below 1 or the mapping file cannot be used
     */
    public ServiceFactory.IngestTarget target(String transactionalId) {
        IngestTuning counts = tuning.tuning();
        FileIngestor ingestor = new FileIngestor(MappingRules.load(Optional.ofNullable(mapping)), maxFileBytes,
                Clock.systemUTC());
        return new ServiceFactory.IngestTarget(ingestor, counts, transactionalId);
    }
}
