package io.chimera.insight.bench.changes;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hysteresis on a reported change, replayed as a stream that remembers what it published would
 * apply it: fed one series run by run, it publishes a change only where the detector at the publish
 * alpha finds one, and keeps a published change while the detector at the (larger) keep alpha still
 * shows it. A detection is the same change as a published one when it has the same direction and
 * stands within {@link #SAME_CHANGE_RUNS} runs of it (the aggregation's ChangeReconciler's rule); the
 * published index is kept as published, as the stream keeps it. A published change that neither
 * detector shows any more is retracted, and a later detection there is published again. A change
 * whose segment before it has begun to leave the window is final, as in the stream.
 *
 * <p>The aggregation's rule (ChangeReconciler with {@code ChangeSettings.keepAlpha}), replayed by
 * {@code chimera bench changes} (its {@code --keep-alpha}, the product's by default); one instance per
 * series ({@link #newSeries}).
 */
final class HysteresisDetector implements PrefixReplay.SeriesReporter {

    /** How far (in runs) a detection may stand from a published change and still be that change. */
    static final int SAME_CHANGE_RUNS = 2;

    /** A published change: its index in the whole series, its direction, and where its before-segment starts. */
    private record Published(int index, int direction, int beforeFrom) {
    }

    private final ChangeDetector publish;
    private final ChangeDetector keep;
    private final int window;
    private List<Published> published = List.of();
    private Set<Integer> reported = Set.of();
    private int fedThrough;

    private HysteresisDetector(ChangeDetector publish, ChangeDetector keep, int window) {
        this.publish = publish;
        this.keep = keep;
        this.window = window;
    }

    /** A fresh replay of one series: nothing published yet. */
    static HysteresisDetector newSeries(ChangeDetector publish, ChangeDetector keep, int window) {
        return new HysteresisDetector(publish, keep, window);
    }

    /**
     * The indices published and kept after the series' first {@code length} runs. Every shorter
     * length not yet fed is fed first, in order, as the stream sees them; lengths must not go back.
     */
    @Override
    public Set<Integer> changesAt(double[] series, int length) {
        if (length < fedThrough) {
            throw new IllegalStateException("fed " + fedThrough + " runs already, asked for " + length);
        }
        while (fedThrough < length) {
            fedThrough++;
            feed(series, fedThrough);
        }
        return reported;
    }

    private void feed(double[] series, int length) {
        int from = Math.max(0, length - window);
        double[] seen = Arrays.copyOfRange(series, from, length);
        List<Published> fresh = global(publish.detect(seen), from);
        boolean[] matched = new boolean[published.size()];
        List<Published> next = new ArrayList<>();
        for (Published detection : fresh) {
            int match = closestUnmatched(detection, matched);
            if (match >= 0) {
                matched[match] = true;
            } else {
                next.add(detection);
            }
        }
        List<Published> kept = new ArrayList<>();
        List<Published> unmatched = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            Published change = published.get(i);
            boolean isFinal = from > 0 && from >= change.beforeFrom();
            (matched[i] || isFinal ? kept : unmatched).add(change);
        }
        // The keep alpha's search runs only when a published change went unmatched at the publish alpha.
        if (!unmatched.isEmpty()) {
            List<Published> shown = global(keep.detect(seen), from);
            boolean[] used = new boolean[shown.size()];
            for (Published change : unmatched) {
                int best = -1;
                for (int j = 0; j < shown.size(); j++) {
                    if (!used[j] && sameChange(shown.get(j), change)
                            && (best < 0 || distance(shown.get(j), change) < distance(shown.get(best), change))) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    kept.add(change);
                }
            }
        }
        kept.addAll(next);
        published = kept;
        Set<Integer> indices = new HashSet<>();
        for (Published change : kept) {
            indices.add(change.index());
        }
        reported = Set.copyOf(indices);
    }

    private int closestUnmatched(Published detection, boolean[] matched) {
        int best = -1;
        for (int i = 0; i < published.size(); i++) {
            if (!matched[i] && sameChange(detection, published.get(i))
                    && (best < 0 || distance(detection, published.get(i)) < distance(detection, published.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    private static boolean sameChange(Published detection, Published change) {
        return detection.direction() == change.direction() && distance(detection, change) <= SAME_CHANGE_RUNS;
    }

    private static int distance(Published a, Published b) {
        return Math.abs(a.index() - b.index());
    }

    private static List<Published> global(List<ChangePoint> points, int from) {
        return points.stream().map(point -> new Published(point.index() + from,
                Double.compare(point.after().mean(), point.before().mean()), point.before().from() + from)).toList();
    }
}
