package io.chimera.insight.bench;

import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.bench.measure.WholeJobProbe;
import io.chimera.insight.bench.measure.WholeJobProbe.PhaseEnd;
import io.chimera.insight.bench.result.Percentiles;
import io.chimera.insight.bench.result.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@code chimera bench job} as Markdown: one row per repeat (wall time, peak RSS, each
 * phase as seen from outside, the exit, the load average), then the median and range of each
 * column over the complete repeats; the VmHWM reached by the end of each phase; and each phase's
 * duration as the process printed it, beside the outside figure.
 */
final class WholeJobTable {

    private WholeJobTable() {
    }

    static String render(List<WholeJobProbe.Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("| | wall | peak RSS | start-up | ingest | aggregation | analysis | report | exit | load (1 min) "
                + "before → after |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<WholeJobProbe.Result> complete = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            WholeJobProbe.Result result = results.get(i);
            md.append("| run ").append(i + 1).append(" | ");
            if (result.complete()) {
                complete.add(result);
                md.append(seconds(result.process().elapsed())).append(" | ").append(rss(result.process().peakRss()));
                for (Phase phase : Phase.values()) {
                    md.append(" | ").append(seconds(result.duration(phase)));
                }
                md.append(" | ").append(seconds(result.exit()));
            } else {
                // What was measured before it stopped: its wall time, its peak, the phases that did end.
                md.append(seconds(result.process().elapsed())).append(", not complete: ").append(why(result))
                        .append(" | ").append(rss(result.process().peakRss()));
                List<Phase> ended = result.phases().stream().map(PhaseEnd::phase).toList();
                for (Phase phase : Phase.values()) {
                    md.append(" | ").append(ended.contains(phase) ? seconds(result.duration(phase)) : "not reached");
                }
                md.append(" | –");
            }
            md.append(" | ").append(firstField(result.loadBefore())).append(" → ").append(firstField(result.loadAfter()))
                    .append(" |\n");
        }
        if (!complete.isEmpty()) {
            md.append(summaryRow("median", complete, p -> p.at(50)));
            md.append(summaryRow("range", complete, null));
            md.append('\n').append(peaksByPhase(complete)).append('\n').append(insideDurations(complete));
        }
        return md.toString();
    }

    private static String summaryRow(String label, List<WholeJobProbe.Result> complete,
                                     Function<Percentiles, Double> statistic) {
        List<ToDoubleFunction<WholeJobProbe.Result>> columns = new ArrayList<>();
        columns.add(r -> r.process().elapsed().toMillis() / 1000.0);
        columns.add(r -> r.process().peakRss().orElse(-1));
        for (Phase phase : Phase.values()) {
            columns.add(r -> r.duration(phase).toMillis() / 1000.0);
        }
        columns.add(r -> r.exit().toMillis() / 1000.0);
        StringBuilder row = new StringBuilder("| ").append(label);
        for (int c = 0; c < columns.size(); c++) {
            ToDoubleFunction<WholeJobProbe.Result> column = columns.get(c);
            Percentiles values = new Percentiles(complete.stream().map(column::applyAsDouble).toList());
            boolean bytes = c == 1;
            if (bytes && values.at(0) < 0) {
                row.append(" | unavailable");
                continue;
            }
            row.append(" | ").append(statistic != null ? format(statistic.apply(values), bytes)
                    : format(values.at(0), bytes) + " – " + format(values.max(), bytes));
        }
        return row.append(" | |\n").toString();
    }

    /** VmHWM reached by the end of each phase: where the memory is taken. */
    private static String peaksByPhase(List<WholeJobProbe.Result> complete) {
        StringBuilder md = new StringBuilder("Peak RSS (VmHWM) reached by the end of each phase, median over the "
                + "complete runs:\n\n| start-up | ingest | aggregation | analysis | report | exit |\n"
                + "|---|---|---|---|---|---|\n|");
        for (int p = 0; p < Phase.values().length; p++) {
            int index = p;
            List<Double> peaks = complete.stream().map(r -> r.phases().get(index).peakRss())
                    .filter(OptionalLong::isPresent).map(v -> (double) v.getAsLong()).toList();
            md.append(' ').append(peaks.size() == complete.size() ? Units.bytes((long) new Percentiles(peaks).at(50))
                    : "unavailable").append(" |");
        }
        List<Double> exits = complete.stream().map(r -> r.process().peakRss()).filter(OptionalLong::isPresent)
                .map(v -> (double) v.getAsLong()).toList();
        md.append(' ').append(exits.size() == complete.size() ? Units.bytes((long) new Percentiles(exits).at(50))
                : "unavailable").append(" |\n");
        return md.toString();
    }

    /** Each phase as the process printed it (start-up from its JVM's start), beside the outside figure. */
    private static String insideDurations(List<WholeJobProbe.Result> complete) {
        StringBuilder md = new StringBuilder("Each phase as `chimera run` printed it, median over the complete runs "
                + "(start-up counts from its JVM's start, so it leaves out the exec and the JVM's launch that the "
                + "outside figure includes), with what the phase did (run 1's words):\n\n"
                + "| phase | printed | seen from outside | what it did |\n|---|---|---|---|\n");
        for (int p = 0; p < Phase.values().length; p++) {
            int index = p;
            Phase phase = Phase.values()[p];
            double printed = new Percentiles(complete.stream().map(r -> r.phases().get(index).insideSeconds()).toList())
                    .at(50);
            double outside = new Percentiles(complete.stream()
                    .map(r -> r.duration(phase).toMillis() / 1000.0).toList()).at(50);
            PhaseEnd first = complete.get(0).phases().get(index);
            md.append("| ").append(phase.label()).append(" | ").append(String.format(Locale.ROOT, "%.1f s", printed))
                    .append(" | ").append(Units.seconds(outside)).append(" | ").append(first.detail()).append(" |\n");
        }
        return md.toString();
    }

    private static String why(WholeJobProbe.Result result) {
        if (result.process().killed()) {
            return "stopped at the limit";
        }
        if (result.process().exitCode() != 0) {
            return "exit code " + result.process().exitCode();
        }
        return "phases printed: " + result.phases().stream().map(p -> p.phase().label()).toList();
    }

    private static String format(double value, boolean bytes) {
        return bytes ? Units.bytes((long) value) : Units.seconds(value);
    }

    private static String seconds(Duration duration) {
        return Units.seconds(duration.toMillis() / 1000.0);
    }

    private static String rss(OptionalLong peak) {
        return peak.isPresent() ? Units.bytes(peak.getAsLong()) : "unavailable";
    }

    private static String firstField(String load) {
        return load.isEmpty() ? "?" : load.split(" ")[0];
    }
}
