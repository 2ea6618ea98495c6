package io.chimera.insight.app.local;

import java.io.PrintStream;

/**
 * One self-rewriting status line while a command works, shown only when a person is watching
 * (a console is attached): logs and CI output stay clean.
 */
public final class TerminalProgress {

    private final PrintStream out;
    private final boolean enabled;
    private int lastLength;

    public TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static TerminalProgress onConsole(PrintStream out) {
        return new TerminalProgress(out, System.console() != null);
    }

    public void show(String line) {
        if (!enabled) {
            return;
        }
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        out.print("\r" + padded);
        out.flush();
        lastLength = line.length();
    }

    /** Ends the status line so the next output starts on a fresh one. */
    public void finish() {
        if (enabled && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }
}
