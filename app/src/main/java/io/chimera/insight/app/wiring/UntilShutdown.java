package io.chimera.insight.app.wiring;

import io.chimera.insight.platform.service.FatalErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until the JVM is asked to stop (Ctrl-C, SIGTERM from
 * Kubernetes, or a fatal error's exit), then closes what it was given in reverse order, so offsets
 * and transactions are committed before exit. Closing is bounded: a service that does not stop
 * within {@link #STOP_DEADLINE} (its broker gone, its threads dead of an out-of-memory error) does
 * not keep a stopping process alive for minutes; the JVM is halted with {@link #HALTED}, the code
 * of a process ended by SIGTERM. 40 s: longer than the 30 s a Streams client or a loop is given to
 * close, shorter than the 60 s grace period of our Kubernetes manifests.
 */
public final class UntilShutdown {

    static final Duration STOP_DEADLINE = Duration.ofSeconds(40);
    static final int HALTED = 143;

    private UntilShutdown() {
    }

    public static void await(List<? extends AutoCloseable> resources) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            FatalErrors.haltAfter(STOP_DEADLINE, HALTED, "stopping took longer than " + STOP_DEADLINE.toSeconds() + " s");
            List<AutoCloseable> reversed = new ArrayList<>(resources);
            java.util.Collections.reverse(reversed);
            for (AutoCloseable resource : reversed) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("error while stopping: " + e.getMessage());
                }
            }
            closed.countDown();
        }, "chimera-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        closed.await();
    }
}
