package io.chimera.insight.app.local;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phase lines {@code chimera run} prints on stdout as its job advances, one per phase, in
 * order, each as soon as the phase is seen to end:
 *
 * <pre>
 * start-up: embedded Kafka, schema registry and services ready in 4.1 s
 * ingest: 2,000 files, 21,795 runs in 3.2 s
 * aggregation: 21,795 runs of 20 models in 4.0 s
 * analysis: 20 models in 3.5 s
 * report: 20 reports written in 0.4 s
 * </pre>
 *
 * Each duration is the phase's own: from the end of the one before (start-up: from the JVM's
 * start) to its end. A person sees where the time went; a script ({@link #parse}, as {@code
 * chimera bench job} reads them) sees each boundary as it happens. The format is this class's
 * alone: printer and parser live together.
 */
public final class RunPhases {

    /** The phases of {@code chimera run}, in the order they end. */
    public enum Phase {
        /** JVM start to the embedded broker, registry and every service ready. */
        START_UP("start-up"),
        /** To the last file published. */
        INGEST("ingest"),
        /** To the aggregation's committed offsets past the last run: every run is in the aggregate. */
        AGGREGATION("aggregation"),
        /** To an analysis result covering every run of every model. */
        ANALYSIS("analysis"),
        /** To every model's report written, covering its runs. */
        REPORT("report");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One phase line, read back. */
    public record Line(Phase phase, String detail, double seconds) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^(start-up|ingest|aggregation|analysis|report): (.+) in (\\d+\\.\\d) s$");

    private final PrintWriter out;
    private final TerminalProgress progress;
    private final long jvmStartMillis;
    private Phase next = Phase.START_UP;
    private long lastEnd;

    /** Printing on {@code out}, clearing {@code progress}'s status line first. */
    public RunPhases(PrintWriter out, TerminalProgress progress) {
        this(out, progress, ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    RunPhases(PrintWriter out, TerminalProgress progress, long jvmStartMillis) {
        this.out = out;
        this.progress = progress;
        this.jvmStartMillis = jvmStartMillis;
    }

    /**
     * Prints that {@code phase} ended now, with {@code detail} (what it did); a phase ends once and
     * after the one before it.
     */
    public void ended(Phase phase, String detail) {
        if (next == null) {
            throw new IllegalStateException("phase " + phase.label() + " ended after the last phase");
        }
        if (phase != next) {
            throw new IllegalStateException("phase " + phase.label() + " ended, but " + next.label() + " is next");
        }
        long now = System.nanoTime();
        double seconds = phase == Phase.START_UP
                ? Math.max(0, System.currentTimeMillis() - jvmStartMillis) / 1000.0 // only wall clock reaches back
                : (now - lastEnd) / 1e9;
        lastEnd = now;
        next = phase.ordinal() + 1 < Phase.values().length ? Phase.values()[phase.ordinal() + 1] : null;
        progress.finish();
        out.println(format(phase, detail, seconds));
        out.flush(); // a reader times the line when it arrives
    }

    /** Whether {@code phase} has ended (been printed). */
    public boolean hasEnded(Phase phase) {
        return next == null || next.ordinal() > phase.ordinal();
    }

    public static String format(Phase phase, String detail, double seconds) {
        return phase.label() + ": " + detail + " in " + String.format(Locale.ROOT, "%.1f", seconds) + " s";
    }

    /** A count with thousands separated, as the phase lines write them. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** The phase line {@code text} is, if it is one. */
    public static Optional<Line> parse(String text) {
        Matcher matcher = LINE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Phase phase = null;
        for (Phase candidate : Phase.values()) {
            if (candidate.label().equals(matcher.group(1))) {
                phase = candidate;
            }
        }
        return Optional.of(new Line(phase, matcher.group(2), Double.parseDouble(matcher.group(3))));
    }
}
