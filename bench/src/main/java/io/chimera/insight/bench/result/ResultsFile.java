package io.chimera.insight.bench.result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The Markdown file a bench run leaves behind: {@code <date>-<host>.md}, self-contained. */
public final class ResultsFile {

    private ResultsFile() {
    }

    /** Writes (or replaces) the day's file for this host; returns its path. */
    public static Path write(Path dir, Machine machine, String command, ZonedDateTime started, Duration took,
                             String load, ResultTable table, List<String> notes) throws IOException {
        return write(dir, "", machine, command, started, took, load, table, notes);
    }

    /** Writes (or replaces) the day's file for this host, its name ending in {@code suffix} ("-scaling"). */
    public static Path write(Path dir, String suffix, Machine machine, String command, ZonedDateTime started,
                             Duration took, String load, ResultTable table, List<String> notes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(started.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-" + machine.hostSlug() + suffix
                + ".md");
        Files.writeString(file, render(machine, command, started, took, load, table, notes), StandardCharsets.UTF_8);
        return file;
    }

    static String render(Machine machine, String command, ZonedDateTime started, Duration took, String load,
                         ResultTable table, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("# Chimera Insight bench: ")
                .append(started.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(" on ").append(machine.host()).append("\n\n");
        md.append("Command (from the repository root):\n\n```\n").append(command).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Started %s, took %.0f s. Every figure below was measured in this one "
                        + "run, on one embedded broker; see docs/benchmarks.md for how each is measured.%n%n",
                started.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT),
                took.toMillis() / 1000.0));
        md.append("## Machine\n\n").append(machine.toMarkdown());
        if (!load.isEmpty()) {
            md.append("- load average (1, 5, 15 min): ").append(load).append('\n');
        }
        md.append('\n');
        md.append("## Results\n\n").append(table.toMarkdown()).append('\n');
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            for (String note : notes) {
                md.append("- ").append(note).append('\n');
            }
        }
        return md.toString();
    }
}
