package io.chimera.insight.localstack.worker;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Lets at most {@code limit} generations run at once and queues the rest, the way one GPU
 * serialises requests; the limit is re-read on every admission so it can change at runtime.
 * Also tracks the peak concurrency, which the bench reports.
 */
final class ConcurrencyGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final IntSupplier limit;
    private int active;
    private int peak;

    ConcurrencyGate(IntSupplier limit) {
        this.limit = limit;
    }

    void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (isFull()) {
                released.await();
            }
            active++;
            peak = Math.max(peak, active);
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            active--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int active() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }

    int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    private boolean isFull() {
        int max = limit.getAsInt();
        return max > 0 && active >= max;
    }
}
