package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change detection in the aggregation topology, with the platform's detector (e-divisive means,
 * defaults: 5 % minimum effect, alpha 1e-4, keep alpha 1e-3): a planted step is published once, at
 * its first run, with the means of both sides; a stationary series publishes nothing; a replaced file
 * that takes the step away retracts it; the order files arrive in does not change what is published.
 * Hysteresis, a published change kept while its p-value drifts between the two alphas:
 * {@link ChangeHysteresisTopologyTest}.
 */
class ChangeDetectionTopologyTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant T0 = AggregationRig.START;
    /** Before the step: sum 1000, mean 100.0. */
    private static final double[] BEFORE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100};
    /** After it: sum 880, mean 88.0 (12 % less). */
    private static final double[] AFTER = {88, 89, 87, 88, 90, 86, 88, 89, 87, 88};

    @TempDir
    Path stateDir;

    @Test
    void aPlantedStepIsPublishedOnceAtItsFirstRunWithTheMeansOfBothSides() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(BEFORE.length))));
            rig.settle();

            assertThat(rig.changes()).hasSize(1);
            TestRecord<String, PerformanceChange> record = rig.changes().get(0);
            assertThat(record.key()).isEqualTo(MODEL);
            PerformanceChange change = record.value();
            assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE);
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(change.getMetric()).isEqualTo("tokens_per_s");
            assertThat(change.getUnit()).isEqualTo("tokens/s");
            assertThat(change.getConfigKey()).isEqualTo("num_ctx=2048");
            assertThat(change.getConfig()).isEqualTo(CONFIG);
            assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0");
            assertThat(change.getFirstRunPath()).isEqualTo("results/after.csv");
            assertThat(change.getFirstRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            assertThat(change.getBefore().getN()).isEqualTo(10);
            assertThat(change.getBefore().getMean()).isCloseTo(100.0, within(1e-9));
            assertThat(change.getAfter().getN()).isEqualTo(10);
            assertThat(change.getAfter().getMean()).isCloseTo(88.0, within(1e-9));
            assertThat(change.getChangePercent()).isCloseTo(-12.0, within(1e-9));
            assertThat(change.getBefore().getCiLow()).isLessThan(100.0);
            assertThat(change.getBefore().getCiHigh()).isGreaterThan(100.0);
            assertThat(change.getPValue()).isLessThan(0.01);
            assertThat(change.getRetractedAt()).isNull();

            // Evaluated again with more runs at the new level: the same change, nothing published.
            TestFile later = TestFile.of("later.csv", "v1", T0.plusSeconds(120));
            rig.publish(observed(later, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(20))));
            rig.settle();
            assertThat(rig.changes()).hasSize(1);
        }
    }

    @Test
    void aTtftThatDoublesIsARegressionAndThroughputThatRisesAnImprovement() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int row = 0; row < 8; row++) {
                rig.publish(at(before.run(MODEL, row, CONFIG, Map.of("tokens_per_s", 100.0 + row % 2, "ttft_ms", 50.0 + row % 2)),
                        T0.plus(Duration.ofMinutes(row))));
                rig.publish(at(after.run(MODEL, row, CONFIG, Map.of("tokens_per_s", 120.0 + row % 2, "ttft_ms", 100.0 + row % 2)),
                        T0.plus(Duration.ofMinutes(8 + row))));
            }
            rig.settle();

            assertThat(rig.changes()).extracting(r -> r.value().getMetric(), r -> r.value().getDirection())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("tokens_per_s", ChangeDirection.IMPROVEMENT),
                            org.assertj.core.groups.Tuple.tuple("ttft_ms", ChangeDirection.REGRESSION));
            assertThat(rig.changes()).allSatisfy(r -> assertThat(r.value().getFirstRunId()).isEqualTo("id-after.csv#row 0"));
        }
    }

    @Test
    void aStationarySeriesPublishesNothing() {
        Random noise = new Random(42);
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int file = 0; file < 4; file++) {
                double[] values = new double[15];
                for (int i = 0; i < values.length; i++) {
                    values[i] = 100 * (1 + 0.02 * noise.nextGaussian());
                }
                TestFile f = TestFile.of("run-" + file + ".csv", "v1", T0.plusSeconds(60L * file));
                rig.publish(observed(f, "tokens_per_s", values, T0.plus(Duration.ofMinutes(15L * file))));
                rig.settle();
            }
            assertThat(rig.metricsRecords()).isNotEmpty();
            assertThat(rig.changes()).isEmpty();
        }
    }

    @Test
    void aReplacedFileThatTakesTheStepAwayRetractsTheChange() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        TestFile rewritten = TestFile.of("after.csv", "v2", T0.plusSeconds(600));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(10))));
            rig.settle();
            assertThat(rig.changes()).hasSize(1);
            PerformanceChange published = rig.changes().get(0).value();

            rig.publishFile(rewritten.event(List.of(MODEL)));
            rig.publish(observed(rewritten, "tokens_per_s", BEFORE, T0.plus(Duration.ofMinutes(10))));
            rig.settle();

            assertThat(rig.changes()).hasSize(2);
            PerformanceChange retraction = rig.changes().get(1).value();
            assertThat(retraction.getKind()).isEqualTo(ChangeEventKind.RETRACTION);
            assertThat(retraction.getChangeId()).isEqualTo(published.getChangeId());
            assertThat(retraction.getFirstRunId()).isEqualTo("id-after.csv#row 0");
            assertThat(retraction.getAfter().getMean()).isEqualTo(published.getAfter().getMean());
            assertThat(retraction.getRetractedAt()).isNotNull();
            assertThat(rig.changes().get(1).key()).isEqualTo(MODEL);
        }
    }

    /**
     * The analysis request made at the evaluation carries what the topic got: the standing change and
     * the series watched; after the replaced file, the retraction and no standing change.
     */
    @Test
    void theAnalysisRequestCarriesTheChangesOfItsEvaluation() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        TestFile rewritten = TestFile.of("after.csv", "v2", T0.plusSeconds(600));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(10))));
            rig.settle();

            ModelChanges first = lastRequest(rig).getMetrics().getChanges();
            assertThat(first.getWatchedSeries()).isEqualTo(1);
            assertThat(first.getWatchedMetrics()).containsExactly("tokens_per_s", "ttft_ms");
            assertThat(first.getStanding()).containsExactly(rig.changes().get(0).value());
            assertThat(first.getRetracted()).isEmpty();

            rig.publishFile(rewritten.event(List.of(MODEL)));
            rig.publish(observed(rewritten, "tokens_per_s", BEFORE, T0.plus(Duration.ofMinutes(10))));
            rig.settle();

            ModelChanges second = lastRequest(rig).getMetrics().getChanges();
            assertThat(second.getStanding()).isEmpty();
            assertThat(second.getRetracted()).containsExactly(rig.changes().get(1).value());
            assertThat(second.getWatchedSeries()).isEqualTo(1);
        }
    }

    /**
     * A retraction stays on the model's changes after it: on the request of a later evaluation (which
     * retracted nothing itself) and on every model-metrics refresh in between, with the event's
     * retractedAt; the report and latest.json show it until newer retractions push it out.
     */
    @Test
    void aRetractionIsCarriedByEveryLaterEvaluationAndRefresh() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        TestFile rewritten = TestFile.of("after.csv", "v2", T0.plusSeconds(600));
        TestFile later = TestFile.of("later.csv", "v1", T0.plusSeconds(1200));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(10))));
            rig.settle();
            rig.publishFile(rewritten.event(List.of(MODEL)));
            rig.publish(observed(rewritten, "tokens_per_s", BEFORE, T0.plus(Duration.ofMinutes(10))));
            rig.settle();
            PerformanceChange retraction = rig.changes().get(1).value();
            assertThat(retraction.getKind()).isEqualTo(ChangeEventKind.RETRACTION);
            int requestsBefore = rig.requests().size();
            int metricsBefore = rig.metricsRecords().size();

            // A later file at the same level: an evaluation that publishes and retracts nothing.
            rig.publish(observed(later, "tokens_per_s", BEFORE, T0.plus(Duration.ofMinutes(20))));
            rig.settle();

            assertThat(rig.changes()).hasSize(2);
            assertThat(rig.requests()).hasSizeGreaterThan(requestsBefore);
            ModelChanges latest = lastRequest(rig).getMetrics().getChanges();
            assertThat(latest.getStanding()).isEmpty();
            assertThat(latest.getRetracted()).containsExactly(retraction);
            List<ModelChanges> refreshed = rig.metricsRecords().subList(metricsBefore, rig.metricsRecords().size())
                    .stream().map(record -> record.value().getChanges()).toList();
            assertThat(refreshed).isNotEmpty()
                    .allSatisfy(changes -> assertThat(changes.getRetracted()).containsExactly(retraction));
        }
    }

    @Test
    void withDetectionOffNothingIsWatchedOrPublished() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        AggregationSettings off = AggregationSettings.defaults().withChanges(ChangeDetection.defaults().withEnabled(false));
        try (AggregationRig rig = new AggregationRig(off, stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(10))));
            rig.settle();

            assertThat(rig.requests()).isNotEmpty();
            assertThat(lastRequest(rig).getMetrics().getRuns()).isEqualTo(20);
            assertThat(lastRequest(rig).getMetrics().getChanges()).isNull();
            assertThat(rig.changes()).isEmpty();
        }
    }

    private static AnalysisRequest lastRequest(AggregationRig rig) {
        List<AnalysisRequest> requests = rig.requests();
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    @Test
    void aReplacedFileThatKeepsTheStepChangesNothing() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        TestFile rewritten = TestFile.of("after.csv", "v2", T0.plusSeconds(600));
        double[] stillLower = {87, 88, 89, 88, 87, 89, 88, 86, 90, 88};
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(before, "tokens_per_s", BEFORE, T0));
            rig.publish(observed(after, "tokens_per_s", AFTER, T0.plus(Duration.ofMinutes(10))));
            rig.settle();
            rig.publishFile(rewritten.event(List.of(MODEL)));
            rig.publish(observed(rewritten, "tokens_per_s", stillLower, T0.plus(Duration.ofMinutes(10))));
            rig.settle();

            assertThat(rig.changes()).hasSize(1);
        }
    }

    /**
     * Files without run timestamps are ordered by their files' modified times, whatever order they
     * are published in: one change at the first run of the newest file, in every order.
     */
    @Test
    void filesPublishedInAnyOrderGiveTheSameChange() {
        Instant modified = Instant.parse("2025-02-01T00:00:00Z");
        double[][] levels = {BEFORE, BEFORE, AFTER};
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(2, 0, 1), List.of(1, 2, 0));
        List<List<String>> published = new ArrayList<>();
        for (List<Integer> order : orders) {
            for (boolean settleBetween : new boolean[] {true, false}) {
                try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(),
                        stateDir.resolve(order + "-" + settleBetween))) {
                    int published0 = 0;
                    for (int file : order) {
                        TestFile f = TestFile.of("sweep-" + file + ".csv", "v1", T0.plusSeconds(60L * published0++));
                        BenchmarkFile event = BenchmarkFile.newBuilder(f.event(List.of(MODEL)))
                                .setModifiedAt(modified.plus(Duration.ofHours(file))).build();
                        rig.publishFile(event);
                        for (int row = 0; row < levels[file].length; row++) {
                            rig.publish(f.run(MODEL, row, CONFIG, Map.of("tokens_per_s", levels[file][row])));
                        }
                        if (settleBetween) {
                            rig.settle();
                        }
                    }
                    rig.settle();
                    published.add(rig.changes().stream()
                            .map(r -> r.value().getKind() + " " + r.value().getDirection() + " " + r.value().getFirstRunId()
                                    + " " + r.value().getChangeId())
                            .toList());
                }
            }
        }
        assertThat(published.get(0)).singleElement().asString().startsWith("CHANGE REGRESSION id-sweep-2.csv#row 0");
        assertThat(published).allSatisfy(events -> assertThat(events).isEqualTo(published.get(0)));
    }

    /** Runs of {@code file} with one value each of {@code metric}, a minute apart from {@code from}. */
    /**
     * One large file of a model, its runs published without a pause: once the model holds
     * {@link ChangeStore#POINTS_PER_EVALUATION} points since its evaluation, the next tick evaluates it, long
     * before its burst is over (no analysis request yet), so an evaluation reads a bounded number of points
     * whatever the file's size. Before, the model was evaluated only once the burst ended, with every point at
     * once (533,330 points of one configuration in a 60 MB file: about 300 MB of heap).
     */
    @Test
    void aModelFedOneLargeFileIsEvaluatedOnceItHoldsEnoughPointsNotOnlyWhenItsBurstEnds() {
        double[] values = new double[ChangeStore.POINTS_PER_EVALUATION];
        int step = values.length - 250; // within the history bound's last 500 runs
        for (int row = 0; row < values.length; row++) {
            values[row] = row < step ? BEFORE[row % BEFORE.length] : AFTER[row % AFTER.length];
        }
        AggregationSettings settings = AggregationSettings.defaults();
        try (AggregationRig rig = new AggregationRig(settings, stateDir)) {
            rig.publish(observed(TestFile.of("large.csv", "v1", T0), "tokens_per_s", values, T0));
            rig.advance(settings.punctuateInterval()); // one tick: far from the debounce's end

            assertThat(rig.requests()).as("the burst is not over: no analysis request yet").isEmpty();
            assertThat(rig.changes()).as("evaluated all the same").hasSize(1);
            PerformanceChange change = rig.changes().get(0).value();
            assertThat(change.getFirstRunId()).isEqualTo("id-large.csv#row " + step);
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
        }
    }

    private static List<BenchmarkRun> observed(TestFile file, String metric, double[] values, Instant from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < values.length; row++) {
            runs.add(at(file.run(MODEL, row, CONFIG, Map.of(metric, values[row])), from.plus(Duration.ofMinutes(row))));
        }
        return runs;
    }

    private static BenchmarkRun at(BenchmarkRun run, Instant observedAt) {
        return BenchmarkRun.newBuilder(run).setObservedAt(observedAt).build();
    }
}
