package io.chimera.insight.platform.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how long a transient failure is retried: an exponential backoff (the delay doubles
 * after each failure, from {@code initial} up to {@code max}), jittered by up to ± {@code jitter} of
 * the delay so that instances failing together do not retry together, and at most
 * {@code maxAttempts} attempts in all, after which the work is dead-lettered.
 *
 * @param initial     the delay after the first failure
 * @param max         the longest delay
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param jitter      the fraction of each delay drawn at random either way, from 0 (none) to 1
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts, double jitter) {

    /** Ingest: 5 s doubling to 5 min, 8 attempts (about 10 minutes of failures before it gives up). */
    public static final RetryPolicy INGEST = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 8, 0.2);
    /** The consume-transform-produce loops: 1 s doubling to 1 min, 8 attempts per transaction. */
    public static final RetryPolicy LOOPS = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 8, 0.2);

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, not " + initial + " and " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, not " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within [0, 1], not " + jitter);
        }
    }

    /** Whether {@code failures} attempts that failed are all this policy allows. */
    public boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }

    /**
     * The delay before the next attempt after {@code failures} failed ones.
     *
     * @param random a number in [0, 1), {@code Math::random} but in tests
     */
    public Duration delayAfter(int failures, DoubleSupplier random) {
        if (failures < 1) {
            throw new IllegalArgumentException("no failure to wait after: " + failures);
        }
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base * factor));
    }
}
