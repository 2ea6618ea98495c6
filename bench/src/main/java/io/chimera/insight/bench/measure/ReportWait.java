package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.pipeline.ReportTracker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/** Waiting, through the reports topic, until every model's latest report covers its runs. */
final class ReportWait {

    private ReportWait() {
    }

    static void untilCovered(BenchPipeline pipeline, ReportTracker reports, Map<String, Long> expectedRuns,
                             Duration timeout, IntConsumer onCovered) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            reports.poll(Duration.ofMillis(20));
            int covered = reports.modelsCovered(expectedRuns);
            onCovered.accept(covered);
            if (covered == expectedRuns.size()) {
                return;
            }
            pipeline.requireRunning();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reports of " + covered + " of " + expectedRuns.size()
                        + " models within " + timeout.toSeconds() + " s");
            }
        }
    }
}
