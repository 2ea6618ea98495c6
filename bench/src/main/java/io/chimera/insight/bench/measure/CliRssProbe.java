package io.chimera.insight.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak resident set of {@code chimera run --input FILE} in a JVM of its own ({@link ChildCli}:
 * the real CLI with the launcher's JVM options). {@code run} and not {@code publish}: it is what a
 * user runs on a file, broker, registry and every service in one JVM, and needs no other process;
 * the figure is that of the whole product. The LLM worker is an address nothing answers on: without
 * one, the reports are written from the data with their narratives pending, and the memory measured
 * is ingest's and aggregation's.
 */
public final class CliRssProbe {

    /** Nothing listens there (TCP port 9, discard): {@code run} finds no worker and does not wait for one. */
    static final String NO_WORKER = "http://127.0.0.1:9";
    private static final Pattern RUNS = Pattern.compile("(?m)^runs: (\\d+)");

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
        ChildCli.Result child = ChildCli.run(List.of("run", "--input", input.toString(), "--reports",
                        workDir.resolve("reports").toString(), "--llm", NO_WORKER, "--timeout",
                        Long.toString(limit.toSeconds())), workDir, "run", limit, (line, elapsed, peak) -> { });
        Matcher runs = RUNS.matcher(Files.readString(child.stdout(), StandardCharsets.UTF_8));
        return new Result(child.exitCode(), child.killed(), child.peakRss(),
                runs.find() ? OptionalLong.of(Long.parseLong(runs.group(1))) : OptionalLong.empty(), child.elapsed(),
                child.command(), workDir);
    }
}
