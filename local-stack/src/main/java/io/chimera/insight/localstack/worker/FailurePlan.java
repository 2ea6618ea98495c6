package io.chimera.insight.localstack.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Decides which model calls fail and how. Two sources, checked in this order: failures scheduled
 * for the next N calls (deterministic, for tests) and per-mode probabilities (for the bench's
 * error rate). Random draws come from a seedable generator so a bench run can be repeated.
 */
public final class FailurePlan {

    private final Deque<FailureMode> scheduled = new ArrayDeque<>();
    private final Map<FailureMode, Double> rates = new EnumMap<>(FailureMode.class);
    private Random random = new Random();

    /** Makes each of the next {@code calls} model calls fail with {@code mode} (after already scheduled ones). */
    public synchronized FailurePlan failNext(FailureMode mode, int calls) {
        Objects.requireNonNull(mode, "mode");
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
        for (int i = 0; i < calls; i++) {
            scheduled.addLast(mode);
        }
        return this;
    }

    /** Makes any model call fail with {@code mode} with the given probability (0 removes the mode). */
    public synchronized FailurePlan failRandomly(FailureMode mode, double probability) {
        Objects.requireNonNull(mode, "mode");
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
        }
        if (probability == 0) {
            rates.remove(mode);
        } else {
            rates.put(mode, probability);
        }
        return this;
    }

    /** Reseeds the generator behind {@link #failRandomly}. */
    public synchronized FailurePlan seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** Forgets scheduled failures and probabilities. */
    public synchronized FailurePlan clear() {
        scheduled.clear();
        rates.clear();
        return this;
    }

    /** Scheduled failures not yet consumed. */
    public synchronized int pending() {
        return scheduled.size();
    }

    /** The failure for the call now starting, or {@code null} for a healthy call. */
    synchronized FailureMode next() {
        FailureMode planned = scheduled.pollFirst();
        if (planned != null) {
            return planned;
        }
        for (Map.Entry<FailureMode, Double> rate : rates.entrySet()) {
            if (random.nextDouble() < rate.getValue()) {
                return rate.getKey();
            }
        }
        return null;
    }
}
