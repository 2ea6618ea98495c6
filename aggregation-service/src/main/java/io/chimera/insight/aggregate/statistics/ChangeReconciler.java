package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.metrics.Better;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what one evaluation of a series publishes: the change points a detector found now against
 * the changes already published for the series.
 *
 * <p><b>The same change.</b> A change is identified by the first run after it. A detection matches a
 * published change of the same direction when its first run is that run, or stands within
 * {@link #SAME_CHANGE_RUNS} places of where that run stands (or, once the run is gone, would stand):
 * as a segment grows, the best split can move by a run or two, and that is the same change seen with
 * more data, not a new one. A match publishes nothing, and the published change is kept as it was
 * (a later file extending a segment updates nothing). A detection that matches nothing is a new
 * change.
 *
 * <p><b>Hysteresis.</b> A published change that no detection matches is matched, by the same rule,
 * against the detections of the keep search (the detector at the larger keep alpha,
 * {@code ChangeSettings.keepAlpha}): while that search still shows it, it is kept. A false change
 * whose p-value hovers around alpha as runs are added is then neither retracted nor published again,
 * while a new change still needs alpha (docs/architecture.md, "Change detection").
 *
 * <p><b>Retraction.</b> A published change that no detection (nor keep detection) matches any more is retracted: the runs
 * that showed it were changed or removed by a replaced file. Except once the history bound has
 * started dropping the segment before it ({@link SeriesHistory#trimmedThrough()} at or past its
 * first run): then the evidence is partly gone by age, not by a file, and the change is final.
 *
 * <p>At most {@link #KEPT_PER_SERIES} published changes are kept per series, the newest.
 */
public final class ChangeReconciler {

    /** How far (in runs) a detection may stand from a published change and still be that change. */
    public static final int SAME_CHANGE_RUNS = 2;
    /** Published changes kept per series for matching and queries. */
    public static final int KEPT_PER_SERIES = 100;

    /** The outcome: changes to publish, changes to retract, and what the series keeps as published. */
    public record Outcome(List<EmittedChange> published, List<EmittedChange> retracted, List<EmittedChange> kept) {
    }

    private ChangeReconciler() {
    }

    /**
     * @param history   the series as evaluated
     * @param detected  the detector's change points over {@code history.values()}
     * @param emitted   the changes published for the series so far
     * @param better    which way the metric improves
     * @param now       wall clock of the evaluation
     */
    public static Outcome reconcile(SeriesHistory history, List<ChangePoint> detected, List<EmittedChange> emitted,
                                    Better better, long now) {
        return reconcile(history, detected, List::of, emitted, better, now);
    }

    /**
     * @param history   the series as evaluated
     * @param detected  the detector's change points over {@code history.values()} at the publish alpha
     * @param keep      the change points at the keep alpha; asked only when a published change, not yet
     *                  final, matches no detection
     * @param emitted   the changes published for the series so far
     * @param better    which way the metric improves
     * @param now       wall clock of the evaluation
     */
    public static Outcome reconcile(SeriesHistory history, List<ChangePoint> detected,
                                    Supplier<List<ChangePoint>> keep, List<EmittedChange> emitted, Better better,
                                    long now) {
        List<SeriesPoint> points = history.points();
        int[] positions = new int[emitted.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = history.positionOf(emitted.get(i).firstRunId(), emitted.get(i).probe());
        }
        boolean[] matched = new boolean[emitted.size()];
        List<EmittedChange> published = new ArrayList<>();
        for (ChangePoint point : detected) {
            if (point.index() <= 0 || point.index() >= points.size()) {
                continue;
            }
            Optional<ChangeDirection> direction = direction(point, better);
            if (direction.isEmpty()) {
                continue;
            }
            int match = closestUnmatched(emitted, positions, matched, direction.get(), point.index());
            if (match >= 0) {
                matched[match] = true;
            } else {
                published.add(change(points, point, direction.get(), now));
            }
        }
        keepShown(history, keep, emitted, positions, matched, better);
        List<EmittedChange> retracted = new ArrayList<>();
        List<EmittedChange> kept = new ArrayList<>();
        for (int i = 0; i < emitted.size(); i++) {
            EmittedChange change = emitted.get(i);
            if (matched[i] || isFinal(history, change)) {
                kept.add(change);
            } else {
                retracted.add(change);
            }
        }
        kept.addAll(published);
        kept.sort(Comparator.comparingLong(EmittedChange::firstRunAt).thenComparing(EmittedChange::firstRunId));
        if (kept.size() > KEPT_PER_SERIES) {
            kept = new ArrayList<>(kept.subList(kept.size() - KEPT_PER_SERIES, kept.size()));
        }
        return new Outcome(published, retracted, kept);
    }

    /** Marks matched each published change, unmatched so far, that the keep search still shows. */
    private static void keepShown(SeriesHistory history, Supplier<List<ChangePoint>> keep, List<EmittedChange> emitted,
                                  int[] positions, boolean[] matched, Better better) {
        boolean anyOpen = false;
        for (int i = 0; i < emitted.size(); i++) {
            anyOpen |= !matched[i] && !isFinal(history, emitted.get(i));
        }
        if (!anyOpen) {
            return;
        }
        boolean[] keptNow = new boolean[emitted.size()];
        for (int i = 0; i < emitted.size(); i++) {
            // Published changes matched at alpha are not candidates again: one keep detection keeps one change.
            keptNow[i] = matched[i];
        }
        for (ChangePoint point : keep.get()) {
            if (point.index() <= 0 || point.index() >= history.points().size()) {
                continue;
            }
            Optional<ChangeDirection> direction = direction(point, better);
            if (direction.isPresent()) {
                int match = closestUnmatched(emitted, positions, keptNow, direction.get(), point.index());
                if (match >= 0) {
                    keptNow[match] = true;
                }
            }
        }
        System.arraycopy(keptNow, 0, matched, 0, matched.length);
    }

    /** Whether the bound has begun to drop the segment before {@code change}: it is then never judged again. */
    private static boolean isFinal(SeriesHistory history, EmittedChange change) {
        return history.trimmedThrough() != SeriesPoint.UNKNOWN && history.trimmedThrough() >= change.beforeFromAt();
    }

    private static int closestUnmatched(List<EmittedChange> emitted, int[] positions, boolean[] matched,
                                        ChangeDirection direction, int index) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < emitted.size(); i++) {
            int distance = Math.abs(positions[i] - index);
            if (!matched[i] && emitted.get(i).direction() == direction && distance <= SAME_CHANGE_RUNS
                    && distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Worse or better by the metric's direction; none for a metric without one, or no difference. */
    static Optional<ChangeDirection> direction(ChangePoint point, Better better) {
        double difference = point.after().mean() - point.before().mean();
        if (!(difference != 0) || better == Better.NEITHER) {
            return Optional.empty();
        }
        boolean higher = difference > 0;
        return Optional.of(higher == (better == Better.HIGHER) ? ChangeDirection.IMPROVEMENT : ChangeDirection.REGRESSION);
    }

    private static EmittedChange change(List<SeriesPoint> points, ChangePoint point, ChangeDirection direction, long now) {
        SeriesPoint first = points.get(point.index());
        int beforeFrom = Math.max(0, Math.min(point.before().from(), point.index() - 1));
        return new EmittedChange(first.runId(), first.fileId(), first.path(), first.time(), first.seq(), direction,
                points.get(beforeFrom).time(), ChangeSegmentStats.of(point.before()), ChangeSegmentStats.of(point.after()),
                point.changeFraction(), point.pValue(), point.test(), now);
    }
}
