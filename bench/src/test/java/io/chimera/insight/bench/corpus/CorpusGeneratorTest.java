package io.chimera.insight.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

    private static final List<String> MODELS = List.of("gemma3:270m", "llama3.1:8b", "qwen2.5:7b-v1",
            "deepseek-r1:14b");

    @TempDir
    Path dir;

    @Test
    void everyFileIsReadByIngestAsTheGeneratorWroteIt() throws IOException {
        GeneratedCorpus corpus = new CorpusGenerator(7).mixed(dir, 400, MODELS, done -> { });
        FileIngestor ingestor = new FileIngestor(MappingRules.bundled());

        for (GeneratedFile file : corpus.files()) {
            IngestedFile ingested = ingestor.ingest(dir, file.path());
            List<BenchmarkRun> runs = ingested.runs().stream().filter(r -> r.getKind() == RecordKind.RUN).toList();
            String what = file.shape() + " " + dir.relativize(file.path());
            assertThat(runs).as("runs of %s", what).hasSize(file.runs());
            assertThat(runs.stream().filter(r -> !r.getOk()).count()).as("failed runs of %s", what)
                    .isEqualTo(file.failedRuns());
            assertThat(runs).as("model of %s", what).allMatch(r -> r.getModel().equals(file.model()));
            if (file.bad()) {
                assertThat(ingested.file().getStatus()).as("status of %s", what)
                        .isIn(FileStatus.REJECTED, FileStatus.EMPTY);
            }
        }
    }

    @Test
    void aCorpusHoldsEveryShapeManyModelsAndSomeBadFiles() throws IOException {
        GeneratedCorpus corpus = new CorpusGenerator(7).mixed(dir, 400, MODELS, done -> { });

        Set<FileShape> shapes = corpus.files().stream().map(GeneratedFile::shape).collect(Collectors.toSet());
        assertThat(shapes).isEqualTo(EnumSet.allOf(FileShape.class));
        assertThat(corpus.runsByModel().keySet()).containsExactlyInAnyOrderElementsOf(MODELS);
        assertThat(corpus.badFiles()).isBetween(4L, 40L);
        assertThat(corpus.failedRuns()).isPositive();
        try (var paths = Files.walk(dir)) {
            assertThat(paths.filter(Files::isRegularFile).count()).isEqualTo(400);
        }
    }

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path other) throws IOException {
        GeneratedCorpus first = new CorpusGenerator(11).mixed(dir, 60, MODELS, done -> { });
        GeneratedCorpus second = new CorpusGenerator(11).mixed(other, 60, MODELS, done -> { });

        for (int i = 0; i < first.files().size(); i++) {
            Path a = first.files().get(i).path();
            Path b = second.files().get(i).path();
            assertThat(dir.relativize(a)).isEqualTo(other.relativize(b));
            assertThat(Files.readAllBytes(a)).as("%s", a).isEqualTo(Files.readAllBytes(b));
        }
    }

    @Test
    void aBurstIsOneModelAndOnlyUsableFiles() throws IOException {
        GeneratedCorpus burst = new CorpusGenerator(3).burst(dir, 50, "gemma3:4b", done -> { });

        assertThat(burst.files()).hasSize(50).noneMatch(GeneratedFile::bad).allMatch(f -> f.runs() > 0);
        assertThat(burst.runsByModel()).containsOnlyKeys("gemma3:4b");
    }
}
