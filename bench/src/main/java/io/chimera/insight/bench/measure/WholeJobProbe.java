package io.chimera.insight.bench.measure;

import io.chimera.insight.app.local.RunPhases;
import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.bench.result.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * A user's whole job, timed from outside: {@code chimera run} in a fresh JVM ({@link ChildCli}, the
 * launcher's JVM options, its own embedded broker and a fresh data folder) on a corpus, with a
 * worker at {@code llm}, until it exits. Each phase's end is the moment its line
 * ({@link RunPhases}) arrives on the pipe, timed by this process's clock from the process's start,
 * with the VmHWM reached by then; the start-up phase so includes the JVM's own start.
 */
public final class WholeJobProbe {

    /**
     * One phase line as it arrived.
     *
     * @param phase         which phase ended
     * @param detail        what it did, in the line's words
     * @param at            when the line arrived, from the process's start
     * @param insideSeconds the phase's duration as the process itself printed it
     * @param peakRss       VmHWM when the line arrived
     */
    public record PhaseEnd(Phase phase, String detail, Duration at, double insideSeconds, OptionalLong peakRss) {
    }

    /**
     * @param phases     the phase lines in the order they arrived
     * @param process    the process: exit code, peak RSS, wall time, command, output
     * @param loadBefore the load average (1, 5, 15 min) when it started
     * @param loadAfter  the load average when it ended
     */
    public record Result(List<PhaseEnd> phases, ChildCli.Result process, String loadBefore, String loadAfter) {

        /** It exited with 0 and printed every phase, in order. */
        public boolean complete() {
            return process.completed() && phases.stream().map(PhaseEnd::phase).toList().equals(List.of(Phase.values()));
        }

        /** The phase's duration seen from outside: from the end of the one before (or the start) to its line. */
        public Duration duration(Phase phase) {
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).phase() == phase) {
                    return i == 0 ? phases.get(i).at() : phases.get(i).at().minus(phases.get(i - 1).at());
                }
            }
            throw new IllegalArgumentException("phase " + phase.label() + " did not end");
        }

        /** From the report line to the process's exit: the summary and the shutdown. */
        public Duration exit() {
            return phases.isEmpty() ? process.elapsed() : process.elapsed().minus(phases.get(phases.size() - 1).at());
        }
    }

    private WholeJobProbe() {
    }

    /**
     * Runs {@code chimera run --input input --reports workDir/name-reports --llm llm} and times it.
     *
     * @param name names its output in {@code workDir}: {@code name.out}, {@code name.err}, {@code name-reports/}
     */
    public static Result measure(Path input, String llm, Path workDir, String name, Duration limit)
            throws IOException, InterruptedException {
        Path reports = Files.createDirectories(workDir.resolve(name + "-reports"));
        List<PhaseEnd> phases = Collections.synchronizedList(new ArrayList<>());
        String loadBefore = Machine.loadAverage();
        ChildCli.Result process = ChildCli.run(List.of("run", "--input", input.toString(), "--reports", reports.toString(),
                        "--llm", llm, "--timeout", Long.toString(limit.toSeconds())), workDir, name, limit,
                (line, at, peak) -> RunPhases.parse(line).ifPresent(
                        phase -> phases.add(new PhaseEnd(phase.phase(), phase.detail(), at, phase.seconds(), peak))));
        return new Result(List.copyOf(phases), process, loadBefore, Machine.loadAverage());
    }
}
