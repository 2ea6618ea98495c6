package io.chimera.insight.bench.measure;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.bench.result.MemoryWatch;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One {@code chimera} command in a JVM of its own, watched from outside: the real CLI
 * ({@link ChimeraCli}, from this JVM's class path, i.e. the classes of {@code app/target/chimera.jar})
 * with this JVM's own options, which the launcher sets to the CLI's ({@code CHIMERA_JAVA_OPTS},
 * default {@code -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr}):
 * the process a user's {@code ./chimera} starts.
 *
 * <p>Its peak resident set is the kernel's high-water mark ({@code VmHWM} in
 * {@code /proc/<pid>/status}), exact; it is read every 20 ms while the process lives (the entry goes
 * with it), so only growth in its last 20 ms could be missed. Each line of its stdout is handed to a
 * listener the moment it arrives, with the time since the process was started, and kept in
 * {@code <name>.out}; its stderr goes to {@code <name>.err}. A process still running after
 * {@code limit} is stopped (SIGTERM, then SIGKILL after 30 s) and reported as not completed.
 */
public final class ChildCli {

    private static final Duration SAMPLE = Duration.ofMillis(20);

    /** Hears each stdout line of the child as it arrives. */
    @FunctionalInterface
    public interface LineListener {
        /**
         * @param line    the line, without its end
         * @param elapsed since the process was started
         * @param peakRss its VmHWM when the line arrived; empty where the OS keeps none
         */
        void line(String line, Duration elapsed, OptionalLong peakRss);
    }

    /**
     * What came of one process.
     *
     * @param exitCode the child's exit code; -1 when it had to be killed
     * @param killed   whether it ran past the limit and was stopped
     * @param peakRss  its VmHWM, bytes; empty where the OS keeps none
     * @param elapsed  from start to exit
     * @param command  the command line
     * @param stdout   where its stdout is kept
     * @param stderr   where its stderr is kept
     */
    public record Result(int exitCode, boolean killed, OptionalLong peakRss, Duration elapsed, List<String> command,
                         Path stdout, Path stderr) {

        /** It ended by itself with exit code 0. */
        public boolean completed() {
            return !killed && exitCode == 0;
        }
    }

    private ChildCli() {
    }

    /** {@code java <this JVM's options> -cp <this class path> ChimeraCli args...}. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChimeraCli.class.getName()));
        command.addAll(args);
        return command;
    }

    /** The command with its class path left out, to print: hundreds of jars say nothing. */
    public static List<String> withoutClassPath(List<String> command) {
        List<String> copy = new ArrayList<>(command);
        int cp = copy.indexOf("-cp");
        if (cp >= 0 && cp + 1 < copy.size()) {
            copy.set(cp + 1, "<the bench's class path>");
        }
        return copy;
    }

    /** Runs {@code chimera args...}, its output kept as {@code workDir/name.out} and {@code .err}. */
    public static Result run(List<String> args, Path workDir, String name, Duration limit, LineListener listener)
            throws IOException, InterruptedException {
        List<String> command = command(args);
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        long started = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        Thread reader = new Thread(() -> readLines(child, out, started, listener), "chimera-child-stdout");
        reader.setDaemon(true);
        reader.start();
        long peak = -1;
        boolean killed = false;
        long deadline = started + limit.toNanos();
        while (!child.waitFor(SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, MemoryWatch.peakRss(child.pid()).orElse(-1));
            if (!killed && System.nanoTime() > deadline) {
                killed = true;
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        reader.join(TimeUnit.SECONDS.toMillis(30)); // the pipe ends with the process: the rest is buffered
        return new Result(killed ? -1 : child.exitValue(), killed,
                peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak), elapsed, command, out, err);
    }

    private static void readLines(Process child, Path out, long started, LineListener listener) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter kept = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                listener.line(line, elapsed, MemoryWatch.peakRss(child.pid()));
                kept.write(line);
                kept.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stdout of " + child.pid(), e);
        }
    }
}
