package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Ingest as {@code chimera run} does it: files read, parsed and normalised by parallel readers and
 * published in shared transactions, each file atomic.
 */
public final class IngestProbe {

    /**
     * What the pass published and how long it took.
     *
     * @param threads where the cores went meanwhile
     */
    public record Result(IngestPass.Tally tally, Duration elapsed, long cpuNanos, ThreadCpu.Usage threads) {

        /** "1.87 cores busy" while it ran, or an empty string. */
        public String coresBusy() {
            return CpuClock.busy(cpuNanos, elapsed.toNanos());
        }

        public double filesPerSecond() {
            return tally.files() / seconds();
        }

        public double runsPerSecond() {
            return tally.runs() / seconds();
        }

        public double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private IngestProbe() {
    }

    public static Result run(List<ScannedFile> files, FileIngestor ingestor, TransactionalFilePublisher publisher,
                             IngestTuning tuning, IntConsumer onFile) {
        long start = System.nanoTime();
        long cpuStart = CpuClock.processNanos();
        try (ThreadCpu threads = ThreadCpu.start()) {
            IngestPass.Tally tally = new IngestPass(ingestor, publisher, tuning).publishAll(files, onFile);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (tally.published() != files.size()) {
                throw new IllegalStateException("ingest published " + tally.published() + " of " + files.size()
                        + " files: the topics were not empty");
            }
            return new Result(tally, elapsed, CpuClock.since(cpuStart), threads.stop());
        }
    }
}
