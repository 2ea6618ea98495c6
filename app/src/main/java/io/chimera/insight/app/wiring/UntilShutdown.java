package io.chimera.insight.app.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until the JVM is asked to stop (Ctrl-C, SIGTERM from
 * Kubernetes), then closes what it was given in reverse order, so offsets and transactions are
 * committed before exit.
 */
public final class UntilShutdown {

    private UntilShutdown() {
    }

    public static void await(List<? extends AutoCloseable> resources) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
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
