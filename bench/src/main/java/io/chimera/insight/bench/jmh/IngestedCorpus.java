package io.chimera.insight.bench.jmh;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.GeneratedFile;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bench's generated corpus (seed 42) as ingest reads it, held in memory for a benchmark's setup:
 * written to a temporary folder, every file ingested with the bundled mapping rules in the generator's
 * order, the folder deleted again.
 */
final class IngestedCorpus {

    private static final long SEED = 42;

    private IngestedCorpus() {
    }

    /** {@code files} mixed files about the first {@code models} model names ({@link CorpusGenerator#mixed}). */
    static List<IngestedFile> mixed(int files, int models) throws IOException {
        return ingested((generator, dir) -> generator.mixed(dir, files, ModelNames.first(models), i -> { }));
    }

    /** {@code files} files of one model ({@link CorpusGenerator#burst}). */
    static List<IngestedFile> burst(int files, String model) throws IOException {
        return ingested((generator, dir) -> generator.burst(dir, files, model, i -> { }));
    }

    private interface Generation {
        GeneratedCorpus write(CorpusGenerator generator, Path dir) throws IOException;
    }

    private static List<IngestedFile> ingested(Generation generation) throws IOException {
        Path dir = Files.createTempDirectory("chimera-jmh-corpus");
        try {
            FileIngestor ingestor = new FileIngestor(MappingRules.bundled());
            List<IngestedFile> read = new ArrayList<>();
            for (GeneratedFile file : generation.write(new CorpusGenerator(SEED), dir).files()) {
                read.add(ingestor.ingest(dir, file.path()));
            }
            return read;
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
