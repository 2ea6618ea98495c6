package io.chimera.insight.analysis.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Per model: at most one analysis running, at most one waiting to run, at most one parked for a
 * retry. Two rules keep reports from going backwards while several models are analysed at once:
 *
 * <ul>
 *   <li>A model's analyses run one after the other, so their results are published in request
 *       order (results of different models may interleave freely).</li>
 *   <li>A newer request for a model supersedes the older one that has not run yet, or that is parked
 *       for a retry: the newer aggregate contains everything the older one had, so the old request is
 *       finished without output, and a late retry of it can never overwrite a newer analysis.</li>
 * </ul>
 *
 * <p>Requests become ready in arrival order ({@link #startNext()}). Confined to the loop thread.
 */
final class ModelLanes {

    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<String> ready = new LinkedHashSet<>();

    /**
     * Takes a newly read request.
     *
     * @return the requests of the same model it supersedes (to be finished without output)
     */
    List<PendingAnalysis> offer(PendingAnalysis pending) {
        Lane lane = lanes.computeIfAbsent(pending.model(), model -> new Lane());
        List<PendingAnalysis> superseded = new ArrayList<>(2);
        if (lane.waiting != null) {
            superseded.add(lane.waiting);
        }
        if (lane.parked != null) {
            superseded.add(lane.parked);
            lane.parked = null;
        }
        lane.waiting = pending;
        if (lane.running == null) {
            ready.add(pending.model());
        }
        return superseded;
    }

    /** The next request allowed to run, now marked running; {@code null} when none is ready. */
    PendingAnalysis startNext() {
        return startNext(model -> true);
    }

    /**
     * The next request allowed to run whose model {@code mayStart} accepts, now marked running;
     * {@code null} when none is ready. The others keep their place in arrival order.
     */
    PendingAnalysis startNext(Predicate<String> mayStart) {
        Iterator<String> models = ready.iterator();
        while (models.hasNext()) {
            String model = models.next();
            if (mayStart.test(model)) {
                models.remove();
                Lane lane = lanes.get(model);
                lane.running = lane.waiting;
                lane.waiting = null;
                return lane.running;
            }
        }
        return null;
    }

    /**
     * A running request finished.
     *
     * @return false when it is no longer tracked (its partition was revoked, or the loop rewound):
     *         its outcome must then be ignored
     */
    boolean finish(PendingAnalysis pending) {
        Lane lane = lanes.get(pending.model());
        if (lane == null || lane.running != pending) {
            return false;
        }
        lane.running = null;
        if (lane.waiting != null) {
            ready.add(pending.model());
        } else if (lane.parked == null) {
            lanes.remove(pending.model());
        }
        return true;
    }

    /**
     * Parks a finished request for a retry at its {@link PendingAnalysis#retryAtMillis()}.
     *
     * @return false when a newer request of the model is already waiting: the retry is superseded
     */
    boolean park(PendingAnalysis pending) {
        Lane lane = lanes.computeIfAbsent(pending.model(), model -> new Lane());
        if (lane.waiting != null || lane.running != null) {
            return false;
        }
        lane.parked = pending;
        return true;
    }

    /** Makes parked requests ready whose time has come, or all of them when {@code all}. */
    void releaseParked(long nowMillis, boolean all) {
        lanes.forEach((model, lane) -> {
            if (lane.parked != null && (all || lane.parked.retryAtMillis() <= nowMillis)) {
                lane.waiting = lane.parked;
                lane.parked = null;
                ready.add(model);
            }
        });
    }

    /** When the earliest parked retry is due; {@link Long#MAX_VALUE} when none is parked. */
    long nextRetryAtMillis() {
        long next = Long.MAX_VALUE;
        for (Lane lane : lanes.values()) {
            if (lane.parked != null) {
                next = Math.min(next, lane.parked.retryAtMillis());
            }
        }
        return next;
    }

    /** Requests held but not in the worker pool: ready to run, or parked. */
    int held() {
        int held = ready.size();
        for (Lane lane : lanes.values()) {
            if (lane.parked != null) {
                held++;
            }
        }
        return held;
    }

    /** Forgets every request matching {@code condition} (a revoked partition); running ones become stale. */
    void forget(Predicate<PendingAnalysis> condition) {
        Iterator<Map.Entry<String, Lane>> entries = lanes.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Lane> entry = entries.next();
            Lane lane = entry.getValue();
            if (lane.running != null && condition.test(lane.running)) {
                lane.running = null;
            }
            if (lane.waiting != null && condition.test(lane.waiting)) {
                lane.waiting = null;
                ready.remove(entry.getKey());
            }
            if (lane.parked != null && condition.test(lane.parked)) {
                lane.parked = null;
            }
            if (lane.running == null && lane.waiting != null) {
                ready.add(entry.getKey());
            }
            if (lane.running == null && lane.waiting == null && lane.parked == null) {
                entries.remove();
            }
        }
    }

    private static final class Lane {
        PendingAnalysis running;
        PendingAnalysis waiting;
        PendingAnalysis parked;
    }
}
