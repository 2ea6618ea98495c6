package io.chimera.insight.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSweepTest {

    @TempDir
    Path dir;

    @Test
    void ingestFindsExactlyTheConfigurationsAskedForEachWithItsRuns() throws IOException {
        GeneratedCorpus corpus = new CorpusGenerator(5).configSweep(dir, "llama3.1:8b", 1_050, 3, done -> { });
        FileIngestor ingestor = new FileIngestor(MappingRules.bundled());

        Map<String, Integer> runsByConfig = new HashMap<>();
        for (GeneratedFile file : corpus.files()) {
            for (BenchmarkRun run : ingestor.ingest(dir, file.path()).runs()) {
                if (run.getKind() == RecordKind.RUN) {
                    assertThat(run.getModel()).isEqualTo("llama3.1:8b");
                    runsByConfig.merge(ConfigKeys.of(run.getConfig()), 1, Integer::sum);
                }
            }
        }
        assertThat(corpus.files()).hasSize(11); // 100 configurations a file, the last one 50
        assertThat(runsByConfig).hasSize(1_050);
        assertThat(runsByConfig.values()).containsOnly(3);
        assertThat(corpus.runs()).isEqualTo(3_150);
        assertThat(corpus.runsByModel()).containsOnlyKeys("llama3.1:8b");
    }

    @Test
    void twentyThousandSweepPointsAreAllDistinct() {
        Set<SweepConfig> points = IntStream.range(0, 20_000).mapToObj(SweepConfig::nth).collect(Collectors.toSet());
        Set<String> labels = points.stream().map(SweepConfig::label).collect(Collectors.toSet());

        assertThat(points).hasSize(20_000);
        assertThat(labels).hasSize(20_000);
    }

    @Test
    void aSweepNeedsConfigurationsAndRuns() {
        CorpusGenerator generator = new CorpusGenerator(5);

        assertThatThrownBy(() -> generator.configSweep(dir, "llama3.1:8b", 0, 3, done -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.configSweep(dir, "llama3.1:8b", 10, 0, done -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
