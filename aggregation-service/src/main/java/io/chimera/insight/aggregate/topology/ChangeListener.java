package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.PerformanceChange;

/**
 * Hears of each {@code performance-changes} event the topology forwards, in the stream thread.
 * Forwarded is not yet committed: under exactly-once, a task whose transaction aborts forwards the
 * same event again after it is restored, so a listener counts at least once what consumers see
 * exactly once.
 */
@FunctionalInterface
public interface ChangeListener {

    ChangeListener NONE = event -> {
    };

    void forwarded(PerformanceChange event);
}
