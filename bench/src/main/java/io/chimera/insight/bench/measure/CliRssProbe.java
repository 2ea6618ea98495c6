package io.chimera.insight.bench.measure;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.bench.result.MemoryWatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak resident set of {@code chimera run --input FILE} in a JVM of its own: the real CLI
 * ({@link ChimeraCli}, from this JVM's class path, i.e. the classes of {@code app/target/chimera.jar})
 * with this JVM's own options, which the launcher sets to the CLI's ({@code CHIMERA_JAVA_OPTS},
 * default {@code -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr}). {@code run} and not
 * {@code publish}: it is what a user runs on a file, broker, registry and every service in one JVM,
 * and needs no other process; the figure is that of the whole product.
 *
 * <p>The peak is the kernel's high-water mark ({@code VmHWM} in {@code /proc/<pid>/status}), exact;
 * it is read every 20 ms while the process lives (the entry goes with it), so only growth in its
 * last 20 ms could be missed. The LLM worker is an address nothing answers on: without one, the
 * reports are written from the data with their narratives pending, and the memory measured is
 * ingest's and aggregation's. A process still running after {@code limit} is stopped (SIGTERM,
 * then SIGKILL after 30 s) and reported as not completed.
 */
public final class CliRssProbe {

    /** Nothing listens there (TCP port 9, discard): {@code run} finds no worker and does not wait for one. */
    static final String NO_WORKER = "http://127.0.0.1:9";
    private static final Pattern RUNS = Pattern.compile("(?m)^runs: (\\d+)");
    private static final Duration SAMPLE = Duration.ofMillis(20);

    private CliRssProbe() {
    }

    /**
     * What came of one run.
     *
     * @param exitCode the child's exit code; -1 when it had to be killed
     * @param killed   whether it ran past the limit and was stopped
     * @param peakRss  its VmHWM, bytes; empty where the OS keeps none
     * @param runs     the run count its summary printed ({@code runs: N}); empty when it printed none
     * @param elapsed  from start to exit
     * @param command  the command line
     * @param log      where its stdout and stderr are ({@code run.out}, {@code run.err})
     */
    public record Result(int exitCode, boolean killed, OptionalLong peakRss, OptionalLong runs, Duration elapsed,
                         List<String> command, Path log) {

        /** It ended by itself with exit code 0. */
        public boolean completed() {
            return !killed && exitCode == 0;
        }
    }

    /** Runs {@code chimera run --input input} in a child JVM, working in {@code workDir}. */
    public static Result measure(Path input, Path workDir, Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChimeraCli.class.getName(),
                "run", "--input", input.toString(), "--reports", workDir.resolve("reports").toString(),
                "--llm", NO_WORKER, "--timeout", Long.toString(limit.toSeconds())));
        Path out = workDir.resolve("run.out");
        Path err = workDir.resolve("run.err");
        long started = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long peak = -1;
        boolean killed = false;
        long deadline = started + limit.toNanos();
        while (!child.waitFor(SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, MemoryWatch.peakRss(child.pid()).orElse(-1));
            if (System.nanoTime() > deadline) {
                killed = true;
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Matcher runs = RUNS.matcher(Files.readString(out, StandardCharsets.UTF_8));
        return new Result(killed ? -1 : child.exitValue(), killed, peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak),
                runs.find() ? OptionalLong.of(Long.parseLong(runs.group(1))) : OptionalLong.empty(), elapsed, command,
                workDir);
    }
}
