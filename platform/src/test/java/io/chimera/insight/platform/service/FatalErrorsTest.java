package io.chimera.insight.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exiting policy with the JVM replaced by a recorder: what it prints, which code it ends with,
 * and that a shutdown that never ends is halted. (That the CLI's process really ends is
 * {@code FatalErrorIT}'s, in app.)
 */
class FatalErrorsTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final RecordingJvm jvm = new RecordingJvm();

    @Test
    void anErrorEscapingAThreadPrintsOneClearLineAndExitsWithTheFatalCode() throws Exception {
        FatalErrors policy = new FatalErrors(new PrintStream(stderr, true, StandardCharsets.UTF_8), jvm,
                Duration.ofMinutes(10));
        Thread thread = new Thread(() -> { }, "chimera-report");

        policy.end("java.lang.OutOfMemoryError", "thread " + thread.getName(), "Java heap space",
                new OutOfMemoryError("Java heap space"));

        assertThat(jvm.exited.await(1, TimeUnit.MINUTES)).as("exit requested").isTrue();
        assertThat(jvm.exits).containsExactly(FatalErrors.EXIT_CODE);
        assertThat(jvm.halts).isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(
                "chimera: fatal: java.lang.OutOfMemoryError in thread chimera-report: Java heap space; exiting"
                        + System.lineSeparator());
    }

    @Test
    void anOrderlyShutdownThatDoesNotEndIsHalted() throws Exception {
        jvm.exitBlocks = true; // a shutdown hook that never returns, as after an out-of-memory error
        FatalErrors policy = new FatalErrors(new PrintStream(stderr, true, StandardCharsets.UTF_8), jvm,
                Duration.ofMillis(50));

        policy.end("embedded Kafka broker requested halt(1)", "thread broker-0", "disk failure", null);

        assertThat(jvm.halted.await(1, TimeUnit.MINUTES)).as("halted").isTrue();
        assertThat(jvm.halts).containsExactly(FatalErrors.EXIT_CODE);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("chimera: fatal: embedded Kafka broker requested halt(1) in thread broker-0: disk failure; "
                        + "exiting")
                .contains("chimera: the orderly shutdown did not end within 50 ms; halting");
    }

    @Test
    void onlyTheFirstFatalErrorEndsTheProcess() throws Exception {
        FatalErrors policy = new FatalErrors(new PrintStream(stderr, true, StandardCharsets.UTF_8), jvm,
                Duration.ofMinutes(10));

        policy.end("java.lang.StackOverflowError", "thread a", "first", null);
        policy.end("java.lang.OutOfMemoryError", "thread b", "second", null);

        assertThat(jvm.exited.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(policy.ending()).isTrue();
        assertThat(jvm.exits).containsExactly(FatalErrors.EXIT_CODE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("first").doesNotContain("second");
    }

    @Test
    void errorsAndWhatTheyCauseAreFatalExceptionsAreNot() {
        assertThat(FatalErrors.isFatal(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(FatalErrors.isFatal(new StackOverflowError())).isTrue();
        assertThat(FatalErrors.isFatal(new NoClassDefFoundError("x/Y"))).isTrue();
        assertThat(FatalErrors.isFatal(new ExecutionException(new OutOfMemoryError("Java heap space")))).isTrue();
        assertThat(FatalErrors.isFatal(new IllegalStateException("store closed"))).isFalse();
        assertThat(FatalErrors.isFatal(new RuntimeException(new java.io.IOException("disk")))).isFalse();
    }

    @Test
    void withoutTheExitingPolicyAFatalErrorIsOnlyReported() {
        // This JVM never installed exitOnFatal (only the CLI's main does): reporting must return.
        FatalErrors.fatal("java.lang.OutOfMemoryError", "thread test", "Java heap space", null);
        FatalErrors.uncaught(Thread.currentThread(), new StackOverflowError());

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNull();
    }

    /** Records what would have ended the JVM. */
    private static final class RecordingJvm implements FatalErrors.Jvm {
        final List<Integer> exits = new CopyOnWriteArrayList<>();
        final List<Integer> halts = new CopyOnWriteArrayList<>();
        final CountDownLatch exited = new CountDownLatch(1);
        final CountDownLatch halted = new CountDownLatch(1);
        volatile boolean exitBlocks;

        @Override
        public void exit(int status) {
            exits.add(status);
            exited.countDown();
            if (exitBlocks) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void halt(int status) {
            halts.add(status);
            halted.countDown();
        }
    }
}
