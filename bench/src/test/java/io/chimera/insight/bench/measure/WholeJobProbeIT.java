package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-job measure on a small generated corpus, for real: {@code chimera run} in a JVM of its
 * own with its embedded broker, a simulated worker in this one. What is checked is that every phase
 * is seen, in order, with what it did, not how long it took.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WholeJobProbeIT {

    @TempDir
    Path work;

    @Test
    void aRealRunOnAFewFilesShowsAllFivePhasesInOrderThenExits() throws Exception {
        GeneratedCorpus corpus = new CorpusGenerator(7).mixed(Files.createDirectories(work.resolve("corpus")), 12,
                ModelNames.first(2), done -> { });
        try (OllamaSimulator worker = new OllamaSimulator(new SimulatorSettings().ttftMs(5).tokensPerS(5_000)).start()) {

            WholeJobProbe.Result result = WholeJobProbe.measure(corpus.root(), worker.baseUrl(), work, "job",
                    Duration.ofSeconds(240));

            assertThat(result.process().exitCode()).as(Files.readString(result.process().stderr())).isZero();
            assertThat(result.complete()).isTrue();
            assertThat(result.phases()).extracting(WholeJobProbe.PhaseEnd::phase).containsExactly(Phase.values());
            assertThat(result.phases().get(1).detail()).isEqualTo("12 files, " + corpus.runs() + " runs");
            assertThat(result.phases().get(4).detail()).isEqualTo(corpus.runsByModel().size() + " reports written");
            List<Duration> arrivals = result.phases().stream().map(WholeJobProbe.PhaseEnd::at).toList();
            assertThat(arrivals).isSorted();
            assertThat(arrivals.get(arrivals.size() - 1)).isLessThanOrEqualTo(result.process().elapsed());
            assertThat(worker.callCount()).as("each model analysed by the worker").isGreaterThanOrEqualTo(2);
            assertThat(Files.readString(result.process().stdout())).contains("reports: 2 (");
            if (Files.exists(Path.of("/proc/self/status"))) {
                assertThat(result.process().peakRss()).isPresent();
                assertThat(result.phases()).allSatisfy(phase -> assertThat(phase.peakRss()).isPresent());
            }
        }
    }
}
