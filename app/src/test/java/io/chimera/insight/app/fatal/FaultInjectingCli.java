package io.chimera.insight.app.fatal;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Exit;

/**
 * The test hook of {@link FatalErrorIT}: runs the real CLI ({@link ChimeraCli#main}, fatal-error
 * policy and all) on the arguments after the first two, and once its {@code /health} on the port
 * given second answers 200 (every service running), causes the fault named first, from a thread of
 * its own:
 * <ul>
 *   <li>{@code error}: a {@link StackOverflowError} escapes a thread of the pools our services use
 *       ({@link DaemonThreads});
 *   <li>{@code kafka-halt}: {@link Exit#halt}, as the broker's fault handler calls it on a fault it
 *       cannot survive (a log directory that failed, say);
 *   <li>{@code oom}: a thread fills the heap until a real {@link OutOfMemoryError}; every thread
 *       that allocates meanwhile may meet one too.
 * </ul>
 * It lives in the tests: production code has no switch that causes faults.
 */
public final class FaultInjectingCli {

    private FaultInjectingCli() {
    }

    public static void main(String[] args) {
        String fault = args[0];
        URI health = URI.create("http://127.0.0.1:" + args[1] + "/health");
        Thread injector = new Thread(() -> {
            awaitUp(health);
            System.err.println("fault-injector: causing " + fault);
            switch (fault) {
                case "error" -> DaemonThreads.named("injected").newThread(() -> {
                    throw new StackOverflowError("injected into a service thread");
                }).start();
                case "kafka-halt" -> haltAsTheBrokerWould();
                case "oom" -> DaemonThreads.named("injected").newThread(FaultInjectingCli::fillTheHeap).start();
                default -> throw new IllegalArgumentException("no such fault: " + fault);
            }
        }, "fault-injector");
        injector.setDaemon(true);
        injector.start();
        ChimeraCli.main(Arrays.copyOfRange(args, 2, args.length));
    }

    private static void awaitUp(URI health) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void haltAsTheBrokerWould() {
        try {
            Exit.halt(1, "injected: the log directory failed");
        } catch (RuntimeException refused) {
            // the embedded broker's guard throws once it has reported the request, as it does to Kafka's threads
        }
    }

    private static void fillTheHeap() {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[128 * 1024]); // 1 MiB at a time, kept
        }
    }
}
