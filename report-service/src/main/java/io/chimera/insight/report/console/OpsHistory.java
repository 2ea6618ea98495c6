package io.chimera.insight.report.console;

import io.chimera.insight.platform.ops.PipelineReadings;
import io.chimera.insight.platform.ops.PipelineReadings.Buckets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last minutes of the pipeline's own meters: a reading every {@link #STEP}, kept for
 * {@link #KEPT}, from which the ops page takes its figures (rates and quantiles over the last
 * {@link #WINDOW}) and its time series. The meters are cumulative; what happened in a window is the
 * difference of its two ends. Thread-safe.
 */
final class OpsHistory {

    static final Duration STEP = Duration.ofSeconds(2);
    static final Duration KEPT = Duration.ofMinutes(5);
    /** Rates and quantiles are taken over this much of the past: long enough to hold a few reports. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    /** One reading and when it was taken. */
    record Sample(Instant at, PipelineReadings readings) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    OpsHistory(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Takes a reading now and forgets those older than {@link #KEPT}. */
    synchronized void sample() {
        Instant now = clock.instant();
        samples.addLast(new Sample(now, PipelineReadings.read(registry)));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(KEPT))) {
            samples.removeFirst();
        }
    }

    /** The readings kept, oldest first, with one taken now at the end (so a page shows the present). */
    synchronized List<Sample> samples() {
        List<Sample> all = new ArrayList<>(samples);
        all.add(new Sample(clock.instant(), PipelineReadings.read(registry)));
        return all;
    }

    /** What the ops page shows: the figures now, and the series behind them. */
    static OpsView view(List<Sample> samples) {
        Sample last = samples.get(samples.size() - 1);
        int from = windowStart(samples, samples.size() - 1);
        Sample first = samples.get(from);
        PipelineReadings now = last.readings();
        List<OpsView.Point> points = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample end = samples.get(i);
            Sample start = samples.get(windowStart(samples, i));
            points.add(new OpsView.Point(end.at(),
                    rate(samples.get(i - 1), end, PipelineReadings::filesPublished),
                    rate(samples.get(i - 1), end, PipelineReadings::runsPublished),
                    end.readings().inflight().values().stream().mapToDouble(Double::doubleValue).sum(),
                    quantile(start, end, PipelineReadings::reportLagMs, 0.5),
                    quantile(start, end, PipelineReadings::ttftMs, 0.5),
                    quantile(start, end, PipelineReadings::tokensPerSecond, 0.5)));
        }
        return new OpsView(last.at(), Duration.between(first.at(), last.at()),
                rate(first, last, PipelineReadings::filesPublished), rate(first, last, PipelineReadings::runsPublished),
                quantile(first, last, PipelineReadings::reportLagMs, 0.5),
                quantile(first, last, PipelineReadings::reportLagMs, 0.99),
                now.reportLagMs().flatMap(b -> b.quantile(0.5)).orElse(null),
                now.reportLagMs().flatMap(b -> b.quantile(0.99)).orElse(null),
                now.reportLagMs().map(Buckets::count).orElse(0L),
                quantile(first, last, PipelineReadings::ttftMs, 0.5),
                quantile(first, last, PipelineReadings::tokensPerSecond, 0.5),
                now.ttftMs().map(Buckets::count).orElse(0L),
                now.inflight(), now.deadLetters(), points);
    }

    /** The index of the oldest sample no more than {@link #WINDOW} before sample {@code end}. */
    private static int windowStart(List<Sample> samples, int end) {
        Instant earliest = samples.get(end).at().minus(WINDOW);
        int start = end;
        while (start > 0 && !samples.get(start - 1).at().isBefore(earliest)) {
            start--;
        }
        return start == end && end > 0 ? end - 1 : start;
    }

    /** Per second between two samples; null when the meter is not in this process or no time passed. */
    private static Double rate(Sample start, Sample end, Function<PipelineReadings, Optional<Double>> meter) {
        double seconds = Duration.between(start.at(), end.at()).toMillis() / 1000.0;
        Optional<Double> from = meter.apply(start.readings());
        Optional<Double> to = meter.apply(end.readings());
        if (seconds <= 0 || from.isEmpty() || to.isEmpty()) {
            return null;
        }
        return Math.max(0, to.get() - from.get()) / seconds;
    }

    /** A quantile of what was recorded between two samples; null when nothing was. */
    private static Double quantile(Sample start, Sample end, Function<PipelineReadings, Optional<Buckets>> meter,
                                   double q) {
        Optional<Buckets> from = meter.apply(start.readings());
        Optional<Buckets> to = meter.apply(end.readings());
        return from.isEmpty() || to.isEmpty() ? null : to.get().minus(from.get()).quantile(q).orElse(null);
    }
}
