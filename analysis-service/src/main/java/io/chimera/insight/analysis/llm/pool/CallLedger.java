package io.chimera.insight.analysis.llm.pool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What one pooled request has cost so far: tries started and time spent waiting for a slot. */
final class CallLedger {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicLong queueWaitNanos = new AtomicLong();

    /** A try leaves the queue for a worker after waiting {@code waitedNanos}. */
    void started(long waitedNanos) {
        attempts.incrementAndGet();
        queueWaitNanos.addAndGet(waitedNanos);
    }

    int attempts() {
        return attempts.get();
    }

    double queueWaitMs() {
        return queueWaitNanos.get() / 1_000_000.0;
    }
}
