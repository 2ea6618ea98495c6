package io.chimera.insight.app.fatal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.service.FatalErrors;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chimera up} (embedded broker, registry, every service) in a JVM of its own meets a fault
 * it cannot go on from, caused by {@link FaultInjectingCli} once the pipeline is up, and the process
 * ends by itself: with {@link FatalErrors#EXIT_CODE} and one {@code chimera: fatal: ...} line
 * naming what and where, or, with the launcher's {@code -XX:+ExitOnOutOfMemoryError}, with the
 * JVM's own code and line for an out-of-memory error. Before, such a process stayed up half dead.
 *
 * <p>The wait for the exit is bounded only so that a hung process fails the test instead of hanging
 * the build; the time it takes is not asserted.
 */
@Timeout(value = 900, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FatalErrorIT {

    /** The JVM's own exit code under -XX:+ExitOnOutOfMemoryError. */
    private static final int JVM_OOM_EXIT = 3;
    private static final long EXIT_WAIT_MINUTES = 5;

    @TempDir
    Path dir;

    @Test
    void anErrorInAServiceThreadEndsTheProcessWithTheFatalCodeAndItsName() throws Exception {
        Ended ended = upWith("error", "-Xmx512m");

        assertThat(ended.exitCode()).as(ended.describe()).isEqualTo(FatalErrors.EXIT_CODE);
        assertThat(ended.stderr()).as(ended.describe()).contains(
                "chimera: fatal: java.lang.StackOverflowError in thread injected-1: injected into a service thread; "
                        + "exiting");
    }

    @Test
    void theEmbeddedBrokerAskingToHaltEndsTheProcessWithKafkasStatusAndMessage() throws Exception {
        Ended ended = upWith("kafka-halt", "-Xmx512m");

        assertThat(ended.exitCode()).as(ended.describe()).isEqualTo(FatalErrors.EXIT_CODE);
        assertThat(ended.stderr()).as(ended.describe()).contains("chimera: fatal: embedded Kafka broker requested "
                + "halt(1) in thread fault-injector: injected: the log directory failed; exiting");
    }

    @Test
    void aRealOutOfMemoryErrorEndsTheProcessThroughThePolicy() throws Exception {
        Ended ended = upWith("oom", "-Xmx256m");

        assertThat(ended.exitCode()).as(ended.describe()).isEqualTo(FatalErrors.EXIT_CODE);
        assertThat(ended.stderr()).as(ended.describe())
                .containsPattern("chimera: fatal: java.lang.OutOfMemoryError in [^\\n]+; exiting");
    }

    @Test
    void withTheLaunchersJvmOptionsAnOutOfMemoryErrorEndsTheJvmAtOnce() throws Exception {
        Ended ended = upWith("oom", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

        assertThat(ended.exitCode()).as(ended.describe()).isEqualTo(JVM_OOM_EXIT);
        assertThat(ended.stderr()).as(ended.describe())
                .contains("Terminating due to java.lang.OutOfMemoryError: Java heap space");
    }

    /** How the forked CLI ended. */
    private record Ended(int exitCode, String stderr, Path log) {
        String describe() {
            return "exit code " + exitCode + "; see " + log;
        }
    }

    /** Runs {@code chimera up} with {@code fault} injected once it is up, and waits for it to end. */
    private Ended upWith(String fault, String... jvmOptions) throws Exception {
        int httpPort = freePort();
        Path watched = Files.createDirectories(dir.resolve("watch"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FaultInjectingCli.class.getName(), fault, Integer.toString(httpPort),
                "up", "--watch", watched.toString(), "--data-dir", dir.resolve("data").toString(),
                "--reports", dir.resolve("reports").toString(), "--http-port", Integer.toString(httpPort),
                "--query-port", "-1", "--llm", "http://127.0.0.1:9"));
        Path log = dir.resolve("cli.err");
        Process cli = new ProcessBuilder(command).redirectOutput(dir.resolve("cli.out").toFile())
                .redirectError(log.toFile()).start();
        try {
            assertThat(cli.waitFor(EXIT_WAIT_MINUTES, TimeUnit.MINUTES))
                    .as("the CLI ended by itself within %d minutes (see %s)", EXIT_WAIT_MINUTES, log).isTrue();
        } finally {
            cli.destroyForcibly();
        }
        String stderr = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        assertThat(stderr).as("the fault was caused once the pipeline was up (see %s)", log)
                .contains("fault-injector: causing " + fault);
        return new Ended(cli.exitValue(), stderr, log);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
