package io.chimera.insight.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.events.FileStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineReadingsTest {

    @Test
    void readsBackWhatEachServiceRecorded() {
        try (OpsRegistry registry = OpsRegistry.shared()) {
            PipelineMetrics ingest = registry.pipeline("ingest");
            PipelineMetrics analyze = registry.pipeline("analyze");
            ingest.fileIngested(FileStatus.ACCEPTED);
            ingest.fileIngested(FileStatus.ACCEPTED);
            ingest.runsIngested(7, 1);
            ingest.deadLetter("ingest.parse");
            analyze.inflight("gpu-1");
            analyze.inflight("gpu-1");
            analyze.worker("gpu-2"); // registers its series at zero
            analyze.llmCall("gpu-2", Duration.ofMillis(100), 40.0);

            PipelineReadings readings = PipelineReadings.read(registry.registry());

            assertThat(readings.filesPublished()).hasValue(2.0);
            assertThat(readings.runsPublished()).hasValue(8.0);
            assertThat(readings.deadLetters()).containsEntry("ingest.parse", 1.0).containsEntry("ingest.read", 0.0);
            assertThat(readings.inflight()).containsEntry("gpu-1", 2.0).containsEntry("gpu-2", 0.0);
            assertThat(readings.ttftMs()).get().extracting(PipelineReadings.Buckets::count).isEqualTo(1L);
            assertThat(readings.tokensPerSecond()).get().extracting(PipelineReadings.Buckets::count).isEqualTo(1L);
        }
    }

    @Test
    void aMeterTheRegistryDoesNotHaveIsEmptyNotZero() {
        try (OpsRegistry registry = OpsRegistry.forService("report")) {
            registry.pipeline("report");

            PipelineReadings readings = PipelineReadings.read(registry.registry());

            assertThat(readings.filesPublished()).as("ingest runs elsewhere").isEmpty();
            assertThat(readings.reportLagMs()).get().extracting(PipelineReadings.Buckets::count).isEqualTo(0L);
            assertThat(readings.reportLagMs().get().quantile(0.5)).as("nothing recorded yet").isEmpty();
        }
    }

    @Test
    void theDifferenceOfTwoReadingsHoldsOnlyWhatCameBetween() {
        try (OpsRegistry registry = OpsRegistry.shared()) {
            PipelineMetrics analyze = registry.pipeline("analyze");
            for (int i = 0; i < 100; i++) {
                analyze.llmCall("gpu", Duration.ofSeconds(10), null); // long ago: slow calls
            }
            PipelineReadings before = PipelineReadings.read(registry.registry());
            for (int i = 0; i < 10; i++) {
                analyze.llmCall("gpu", Duration.ofMillis(100), null);
            }
            PipelineReadings.Buckets recent = PipelineReadings.read(registry.registry()).ttftMs().get()
                    .minus(before.ttftMs().get());

            assertThat(recent.count()).isEqualTo(10);
            // Every recent call took 100 ms: the median lies in the bucket holding 100 ms, not near 10 s.
            assertThat(recent.quantile(0.5).get()).isBetween(50.0, 120.0);
            assertThat(before.ttftMs().get().quantile(0.5).get()).isCloseTo(10_000, within(2_000.0));
        }
    }

    @Test
    void quantilesInterpolateWithinTheirBucket() {
        PipelineReadings.Buckets buckets = new PipelineReadings.Buckets(10, new double[] {10, 20, 40},
                new double[] {0, 10, 10});

        assertThat(buckets.quantile(0.5)).hasValue(15.0);
        assertThat(buckets.quantile(1.0)).hasValue(20.0);
        assertThat(new PipelineReadings.Buckets(4, new double[] {10}, new double[] {2}).quantile(0.99))
                .as("beyond the last bucket: its bound").hasValue(10.0);
    }
}
