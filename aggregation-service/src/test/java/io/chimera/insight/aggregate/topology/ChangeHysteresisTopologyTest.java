package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.chimera.insight.aggregate.statistics.ChangeSettingsByMetric;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hysteresis through the whole aggregation topology, with the real detector at the product's
 * settings (a new change needs alpha 1e-4, a published one is kept while the detector at keepAlpha
 * 1e-3 still shows it; docs/architecture.md, "Change detection"): a published change whose p-value
 * later drifts between the two levels stands, without a retraction or a second event, and is
 * retracted once, when a replaced file takes it above 1e-3. With the keep alpha at alpha (no
 * hysteresis) the same runs retract it at the first drift.
 *
 * <p>One series of tokens/s, each file's runs a minute apart after the previous file's:
 * <ul>
 *   <li>{@code before.csv}: 10 runs, sum 1000, mean 100.0;</li>
 *   <li>{@code after.csv}: 10 runs, sum 900, mean 90.0 (-10 %): the change, at its row 0;</li>
 *   <li>{@code noisy-1.csv}: 4 runs at 90 ± 13 and ± 12 (sum 360): the rig got noisy, the level is
 *       still 90, and the pooled variance grows, so the change's p-value rises;</li>
 *   <li>{@code noisy-2.csv}: 4 more at 90 ± 11 and ± 10 (sum 360): higher still, below 1e-3;</li>
 *   <li>{@code noisy-2.csv} replaced (v2): 90 ± 20 and ± 19 (sum 360): above 1e-3.</li>
 * </ul>
 * The p-values of the change (runs 0–9 against runs 10 on) are scipy 1.17.1's, Student's t as the
 * detector's default test (the pooled variance, {@code ChangeTest.STUDENT}):
 * {@code scipy.stats.ttest_ind(series[:10], series[10:]).pvalue} (equal_var=True, the default) on
 * the whole series after each step. Each step also checks that the detector itself, on the values
 * the series holds then, agrees: at alpha it finds the change only in the first, at keepAlpha at run
 * 10 with scipy's p while that is at most 1e-3.
 */
class ChangeHysteresisTopologyTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant T0 = AggregationRig.START;
    private static final String FIRST_RUN = "id-after.csv#row 0";

    private static final double[] BEFORE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100};
    private static final double[] AFTER = {90, 91, 89, 90, 92, 88, 90, 91, 89, 90};
    private static final double[] NOISY_1 = {77, 103, 78, 102};
    private static final double[] NOISY_2 = {79, 101, 80, 100};
    private static final double[] NOISIER_2 = {70, 110, 71, 109};

    /** scipy: t = 19.36, 18 degrees of freedom. */
    private static final double P_STEP = 1.6801129454436478e-13;
    /** scipy, after noisy-1: t = 4.443, 22 degrees of freedom; above alpha 1e-4, below keepAlpha 1e-3. */
    private static final double P_NOISY_1 = 2.0425458202727125e-4;
    /** scipy, after noisy-2: t = 3.912, 26 degrees of freedom; higher, still below keepAlpha 1e-3. */
    private static final double P_NOISY_2 = 5.874039002843251e-4;
    /** scipy, after noisy-2's replacement: t = 2.774, 26 degrees of freedom; above keepAlpha 1e-3. */
    private static final double P_NOISIER_2 = 0.010110774041807878;

    private static final TestFile BEFORE_FILE = TestFile.of("before.csv", "v1", T0);
    private static final TestFile AFTER_FILE = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
    private static final TestFile NOISY_1_FILE = TestFile.of("noisy-1.csv", "v1", T0.plusSeconds(120));
    private static final TestFile NOISY_2_FILE = TestFile.of("noisy-2.csv", "v1", T0.plusSeconds(180));
    private static final TestFile NOISY_2_REPLACED = TestFile.of("noisy-2.csv", "v2", T0.plusSeconds(600));

    @TempDir
    Path stateDir;

    @Test
    void aChangeWhosePDriftsBetweenAlphaAndTheKeepAlphaStandsAndIsRetractedOnceAboveIt() {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(BEFORE_FILE, BEFORE, 0));
            rig.publish(observed(AFTER_FILE, AFTER, 10));
            rig.settle();

            detectorAgrees(series(BEFORE, AFTER), P_STEP, true);
            assertThat(rig.changes()).hasSize(1);
            PerformanceChange published = rig.changes().get(0).value();
            assertThat(published.getKind()).isEqualTo(ChangeEventKind.CHANGE);
            assertThat(published.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(published.getFirstRunId()).isEqualTo(FIRST_RUN);
            assertThat(published.getBefore().getN()).isEqualTo(10);
            assertThat(published.getBefore().getMean()).isCloseTo(100.0, within(1e-9));
            assertThat(published.getAfter().getN()).isEqualTo(10);
            assertThat(published.getAfter().getMean()).isCloseTo(90.0, within(1e-9));
            assertThat(published.getChangePercent()).isCloseTo(-10.0, within(1e-9));
            assertThat(published.getPValue()).isCloseTo(P_STEP, withinPercentage(1e-4));
            standsAlone(rig, published);

            // p rises above alpha and stays below keepAlpha, over two files: each evaluation keeps the change.
            publishedAndEvaluated(rig, observed(NOISY_1_FILE, NOISY_1, 20));
            detectorAgrees(series(BEFORE, AFTER, NOISY_1), P_NOISY_1, false);
            assertThat(rig.changes()).as("no retraction and no second event at p = 2.0e-4").hasSize(1);
            standsAlone(rig, published);

            publishedAndEvaluated(rig, observed(NOISY_2_FILE, NOISY_2, 24));
            detectorAgrees(series(BEFORE, AFTER, NOISY_1, NOISY_2), P_NOISY_2, false);
            assertThat(rig.changes()).as("no retraction and no second event at p = 5.9e-4").hasSize(1);
            standsAlone(rig, published);

            // noisy-2 replaced by noisier runs: p above keepAlpha, and the change is retracted, once.
            rig.publishFile(NOISY_2_REPLACED.event(List.of(MODEL)));
            publishedAndEvaluated(rig, observed(NOISY_2_REPLACED, NOISIER_2, 24));
            detectorAgrees(series(BEFORE, AFTER, NOISY_1, NOISIER_2), P_NOISIER_2, false);
            assertThat(rig.changes()).hasSize(2);
            TestRecord<String, PerformanceChange> record = rig.changes().get(1);
            PerformanceChange retraction = record.value();
            // The documented retraction (PerformanceChange.kind): the change is no longer found, because a
            // replaced file changed its runs; it repeats the change's fields as published.
            assertThat(record.key()).isEqualTo(MODEL);
            assertThat(retraction.getKind()).isEqualTo(ChangeEventKind.RETRACTION);
            assertThat(retraction.getChangeId()).isEqualTo(published.getChangeId());
            assertThat(retraction.getFirstRunId()).isEqualTo(FIRST_RUN);
            assertThat(retraction.getPValue()).isEqualTo(published.getPValue());
            assertThat(retraction.getAfter()).isEqualTo(published.getAfter());
            assertThat(retraction.getRetractedAt()).isNotNull();
            ModelChanges latest = rig.latest(MODEL).getChanges();
            assertThat(latest.getStanding()).isEmpty();
            assertThat(latest.getRetracted()).containsExactly(retraction);

            // Evaluated again with nothing new to say: the retraction is not repeated.
            publishedAndEvaluated(rig, observed(TestFile.of("later.csv", "v1", T0.plusSeconds(900)),
                    new double[] {90, 91, 89, 90}, 28));
            assertThat(rig.changes()).hasSize(2);
        }
    }

    /**
     * The control: the same runs with the keep alpha at alpha ({@code --change-keep-alpha 0.0001}, as
     * {@code AggregationOptions} builds it: {@code ChangeSettings.DEFAULTS.withAlphas(alpha, alpha)})
     * retract the change as soon as noisy-1 takes its p-value above alpha, where the product's settings
     * keep it; so what keeps it in the test above is the hysteresis, not the detector at alpha.
     */
    @Test
    void withTheKeepAlphaAtAlphaTheFirstDriftAboveAlphaRetractsTheChange() {
        AggregationSettings withoutHysteresis = AggregationSettings.defaults().withChanges(ChangeDetection.defaults()
                .withSettings(new ChangeSettingsByMetric(
                        ChangeSettings.DEFAULTS.withAlphas(ChangeSettings.DEFAULT_ALPHA, ChangeSettings.DEFAULT_ALPHA),
                        Map.of())));
        Map<String, List<String>> events = Map.of(
                "hysteresis", eventsThroughNoisy1(AggregationSettings.defaults(), stateDir.resolve("hysteresis")),
                "none", eventsThroughNoisy1(withoutHysteresis, stateDir.resolve("none")));

        assertThat(events.get("hysteresis")).containsExactly("CHANGE " + FIRST_RUN);
        assertThat(events.get("none")).containsExactly("CHANGE " + FIRST_RUN, "RETRACTION " + FIRST_RUN);
    }

    /** The events of before, after and noisy-1, each file evaluated before the next, as "KIND firstRunId". */
    private static List<String> eventsThroughNoisy1(AggregationSettings settings, Path stateDir) {
        try (AggregationRig rig = new AggregationRig(settings, stateDir)) {
            rig.publish(observed(BEFORE_FILE, BEFORE, 0));
            rig.publish(observed(AFTER_FILE, AFTER, 10));
            rig.settle();
            assertThat(rig.changes()).as("the step is published at alpha either way").hasSize(1);
            publishedAndEvaluated(rig, observed(NOISY_1_FILE, NOISY_1, 20));
            return rig.changes().stream().map(r -> r.value().getKind() + " " + r.value().getFirstRunId()).toList();
        }
    }

    /**
     * Publishes {@code runs} and lets the model go quiet; asserts that its series was evaluated then
     * (a new analysis request), so a test that sees no event saw an evaluation that published none.
     */
    private static void publishedAndEvaluated(AggregationRig rig, List<BenchmarkRun> runs) {
        int requests = rig.requests().size();
        rig.publish(runs);
        rig.settle();
        assertThat(rig.requests()).as("an evaluation after " + runs.get(0).getPath()).hasSizeGreaterThan(requests);
    }

    /** {@code change} is the model's one standing change: on model-metrics and on the last analysis request. */
    private static void standsAlone(AggregationRig rig, PerformanceChange change) {
        ModelChanges latest = rig.latest(MODEL).getChanges();
        assertThat(latest.getStanding()).containsExactly(change);
        assertThat(latest.getRetracted()).isEmpty();
        List<AnalysisRequest> requests = rig.requests();
        ModelChanges requested = requests.get(requests.size() - 1).getMetrics().getChanges();
        assertThat(requested.getStanding()).containsExactly(change);
        assertThat(requested.getRetracted()).isEmpty();
    }

    /**
     * The platform's detector on {@code values}: at the product's alpha it finds the change at run 10
     * only when {@code atAlpha}; at its keep alpha, at run 10 with scipy's p-value {@code p} when that
     * is at most the keep alpha, else nothing.
     */
    private static void detectorAgrees(double[] values, double p, boolean atAlpha) {
        ChangeSettings settings = ChangeSettings.DEFAULTS;
        List<ChangePoint> publishing = new EDivisiveMeans(settings).detect(values);
        List<ChangePoint> keeping = new EDivisiveMeans(settings.keeping()).detect(values);
        if (atAlpha) {
            assertThat(publishing).singleElement().satisfies(point -> assertThat(point.index()).isEqualTo(10));
        } else {
            assertThat(publishing).as("nothing at alpha %s", settings.alpha()).isEmpty();
        }
        if (p <= settings.keepAlpha()) {
            assertThat(keeping).singleElement().satisfies(point -> {
                assertThat(point.index()).isEqualTo(10);
                assertThat(point.pValue()).isCloseTo(p, withinPercentage(1e-4));
            });
        } else {
            assertThat(keeping).as("nothing at keepAlpha %s", settings.keepAlpha()).isEmpty();
        }
    }

    private static double[] series(double[]... files) {
        return Arrays.stream(files).flatMapToDouble(DoubleStream::of).toArray();
    }

    /** Runs of {@code file} with one value each of tokens/s, observed a minute apart from minute {@code from}. */
    private static List<BenchmarkRun> observed(TestFile file, double[] values, int from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < values.length; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", values[row])))
                    .setObservedAt(T0.plus(Duration.ofMinutes(from + row))).build());
        }
        return runs;
    }
}
