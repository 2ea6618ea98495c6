package io.chimera.insight.platform.concurrent;

import io.chimera.insight.platform.service.FatalErrors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the pools of our services: daemons, so a pool left open never keeps the JVM alive,
 * and named {@code prefix-N}, so a thread dump or a profile says which pool each belongs to. What
 * escapes a task run by {@code execute} goes to {@link FatalErrors#uncaught}: an {@link Error} is a
 * fatal error of the process (a task given to {@code submit} keeps its failure in its future, whose
 * reader decides).
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(FatalErrors::uncaught);
            return thread;
        };
    }
}
