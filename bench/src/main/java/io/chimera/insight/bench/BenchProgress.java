package io.chimera.insight.bench;

import io.chimera.insight.app.local.TerminalProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What the bench shows while it runs, on stderr (stdout carries the table): one line per
 * measure as it starts and one with its result, always; in between a self-rewriting status line
 * when a person is watching.
 */
public final class BenchProgress {

    private final PrintStream out;
    private final TerminalProgress status;
    private final int steps;
    private final long started = System.nanoTime();
    private int step;

    public BenchProgress(PrintStream out, int steps) {
        this.out = out;
        this.status = TerminalProgress.onConsole(out);
        this.steps = steps;
    }

    /** A measure starts. */
    public void begin(String title) {
        status.finish();
        step++;
        out.printf(Locale.ROOT, "[%d/%d %5.0fs] %s%n", step, steps, elapsedSeconds(), title);
        out.flush();
    }

    /** Progress within the measure. */
    public void update(String line) {
        status.show("        " + line);
    }

    /** The measure's headline result. */
    public void result(String line) {
        status.finish();
        out.println("        " + line);
        out.flush();
    }

    public void finish() {
        status.finish();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
