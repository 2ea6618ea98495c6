package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ModelMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis trigger, driven by the test driver's wall clock: one request per burst after
 * the debounce, max-delay cutting through a steady trickle, and model-metrics of a busy model
 * refreshed at most once per debounce.
 */
class DebounceTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";
    private static final Duration TICK = AggregationSettings.DEFAULT_PUNCTUATE_INTERVAL;
    private static final Duration DEBOUNCE = AggregationSettings.DEFAULT_DEBOUNCE;
    private static final Duration MAX_DELAY = AggregationSettings.DEFAULT_MAX_DELAY;

    @TempDir
    Path stateDir;
    private AggregationRig rig;

    @BeforeEach
    void start() {
        rig = new AggregationRig(AggregationSettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aBurstOfAThousandFilesIsOneRequest() {
        Instant ingested = Instant.parse("2025-03-01T09:59:00Z");
        Instant lastChange = null;
        for (int i = 0; i < 1_000; i++) {
            TestFile file = TestFile.of("burst-" + i + ".csv", "v1", ingested.plusMillis(i));
            rig.publish(file.run(GEMMA, 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0 + i % 50)));
            lastChange = rig.wallClock();
            if (i % 100 == 99) {
                rig.advance(TICK); // the burst spans two seconds of wall clock, never quiet for the debounce
            }
        }
        assertThat(rig.requests()).isEmpty();

        rig.advance(DEBOUNCE.minus(TICK).minusMillis(1));
        assertThat(rig.requests()).as("still within the debounce").isEmpty();
        rig.advance(DEBOUNCE.multipliedBy(3));

        assertThat(rig.requests()).hasSize(1);
        AnalysisRequest request = rig.requests().get(0);
        assertThat(request.getModel()).isEqualTo(GEMMA);
        assertThat(request.getReason()).isEqualTo("quiet");
        assertThat(request.getAttempt()).isEqualTo(1);
        assertThat(request.getOldestPendingIngestAt()).isEqualTo(ingested);
        assertThat(request.getMetrics().getRuns()).isEqualTo(1_000);
        assertThat(request.getMetrics().getFiles()).hasSize(1_000);
        assertThat(request.getMetrics().getOldestPendingIngestAt()).isEqualTo(ingested);
        Duration waited = Duration.between(lastChange, request.getRequestedAt());
        assertThat(waited).isBetween(DEBOUNCE, DEBOUNCE.plus(TICK));
        assertThat(request.getRequestId())
                .isEqualTo(UUID.nameUUIDFromBytes((GEMMA + '\n' + request.getRequestedAt().toEpochMilli())
                        .getBytes(StandardCharsets.UTF_8)).toString());
        // model-metrics follows the burst at most once per tick, not once per run.
        long ticksElapsed = Duration.between(AggregationRig.START, rig.wallClock()).dividedBy(TICK);
        assertThat(rig.metricsRecords()).hasSizeBetween(2, (int) ticksElapsed);
        assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(1_000);
    }

    @Test
    void aSteadyTrickleIsAnalysedAtMaxDelay() {
        TestFile file = TestFile.of("trickle.csv", "v1", AggregationRig.START);
        Instant firstChange = rig.wallClock();
        int published = 0;
        // One run per second, always inside the debounce, for 65 s.
        while (Duration.between(firstChange, rig.wallClock()).compareTo(Duration.ofSeconds(65)) < 0) {
            rig.publish(file.run(GEMMA, published++, Map.of(), Map.of("ttft_ms", 50.0 + published)));
            rig.advance(Duration.ofSeconds(1));
        }
        List<AnalysisRequest> duringTrickle = List.copyOf(rig.requests());
        rig.settle();

        assertThat(duringTrickle).hasSize(2);
        assertThat(duringTrickle).extracting(AnalysisRequest::getReason).containsOnly("max-delay");
        AnalysisRequest first = duringTrickle.get(0);
        AnalysisRequest second = duringTrickle.get(1);
        assertThat(Duration.between(firstChange, first.getRequestedAt())).isBetween(MAX_DELAY, MAX_DELAY.plus(TICK));
        // The second cycle starts with the first run after the first request.
        Instant secondCycleStart = firstChange.plusSeconds(first.getMetrics().getRuns());
        assertThat(Duration.between(secondCycleStart, second.getRequestedAt())).isBetween(MAX_DELAY, MAX_DELAY.plus(TICK));
        assertThat(second.getMetrics().getRuns()).isGreaterThan(first.getMetrics().getRuns());

        assertThat(rig.requests()).hasSize(3);
        AnalysisRequest last = rig.requests().get(2);
        assertThat(last.getReason()).isEqualTo("quiet");
        assertThat(last.getMetrics().getRuns()).isEqualTo(published);
    }

    @Test
    void modelsAreDebouncedIndependently() {
        TestFile file = TestFile.of("two-models.csv", "v1", AggregationRig.START);
        rig.publish(file.run(GEMMA, 0, Map.of(), Map.of("tokens_per_s", 100.0)));
        rig.advance(Duration.ofSeconds(1));
        rig.publish(file.run(QWEN, 1, Map.of(), Map.of("tokens_per_s", 40.0)));
        rig.advance(Duration.ofMillis(1_200));

        assertThat(rig.requests()).extracting(AnalysisRequest::getModel).containsExactly(GEMMA);
        rig.advance(Duration.ofSeconds(1));
        assertThat(rig.requests()).extracting(AnalysisRequest::getModel).containsExactly(GEMMA, QWEN);
    }

    @Test
    void runsAfterARequestStartANewCycleCoveringOnlyThemselves() {
        TestFile early = TestFile.of("early.csv", "v1", AggregationRig.START);
        TestFile late = TestFile.of("late.csv", "v1", AggregationRig.START.plusSeconds(100));
        rig.publish(early.run(GEMMA, 0, Map.of(), Map.of("tokens_per_s", 100.0)));
        rig.settle();
        rig.publish(late.run(GEMMA, 0, Map.of(), Map.of("tokens_per_s", 120.0)));
        rig.settle();

        assertThat(rig.requests()).hasSize(2);
        assertThat(rig.requests().get(0).getOldestPendingIngestAt()).isEqualTo(early.ingestedAt());
        assertThat(rig.requests().get(1).getOldestPendingIngestAt()).isEqualTo(late.ingestedAt());
        assertThat(rig.requests().get(1).getMetrics().getRuns()).isEqualTo(2);
        assertThat(rig.requests().get(1).getRequestId()).isNotEqualTo(rig.requests().get(0).getRequestId());
    }

    @Test
    void aModelStillReceivingRunsGetsModelMetricsAtMostOncePerDebounceAndItsFinalFiguresWhenQuiet() {
        TestFile file = TestFile.of("busy.csv", "v1", AggregationRig.START);
        int published = 0;
        // A run every 100 ms for 10 s: 50 ticks, each after a change.
        while (published < 100) {
            rig.publish(file.run(GEMMA, published++, Map.of(), Map.of("tokens_per_s", 100.0 + published % 7)));
            rig.advance(Duration.ofMillis(100));
        }
        List<TestRecord<String, ModelMetrics>> whileBusy = List.copyOf(rig.metricsRecords());
        rig.settle();

        // The first tick after the first change emits; then once a debounce (2 s) has passed, at a tick.
        assertThat(whileBusy).hasSize(5);
        assertThat(whileBusy.get(0).getRecordTime()).isEqualTo(AggregationRig.START.plus(TICK));
        for (int i = 1; i < whileBusy.size(); i++) {
            assertThat(Duration.between(whileBusy.get(i - 1).getRecordTime(), whileBusy.get(i).getRecordTime()))
                    .isGreaterThanOrEqualTo(DEBOUNCE).isLessThan(DEBOUNCE.plus(TICK));
        }
        assertThat(whileBusy.get(whileBusy.size() - 1).getValue().getRuns()).isLessThan(100);
        // Quiet: the final figures, with the request.
        assertThat(rig.metricsRecords()).hasSize(6);
        assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(100);
        assertThat(rig.requests()).singleElement().satisfies(request -> {
            assertThat(request.getReason()).isEqualTo("quiet");
            assertThat(request.getMetrics()).isEqualTo(rig.latest(GEMMA));
        });
    }

    @Test
    void nothingIsEmittedWithoutInput() {
        rig.advance(Duration.ofSeconds(10));

        assertThat(rig.requests()).isEmpty();
        assertThat(rig.metricsRecords()).isEmpty();
    }
}
