package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.RecordKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a file's reading produced, counted rather than kept (its runs per model and dead letters per
 * stage; the file event holds the run, failed-run and summary counts).
 *
 * @param runsByModel RUN records per model (failed ones included; summaries not)
 * @param deadLettersByStage dead letters per stage ({@code ingest.parse}, {@code ingest.read} ...)
 */
public record FileCounts(Map<String, Long> runsByModel, Map<String, Long> deadLettersByStage) {

    public FileCounts {
        runsByModel = Map.copyOf(runsByModel);
        deadLettersByStage = Map.copyOf(deadLettersByStage);
    }

    /** Counts of records held in lists. */
    public static FileCounts of(List<BenchmarkRun> runs, List<DeadLetter> deadLetters) {
        Map<String, Long> byModel = new TreeMap<>();
        runs.stream().filter(r -> r.getKind() == RecordKind.RUN).forEach(r -> byModel.merge(r.getModel(), 1L, Long::sum));
        Map<String, Long> byStage = new TreeMap<>();
        deadLetters.forEach(d -> byStage.merge(d.getStage(), 1L, Long::sum));
        return new FileCounts(byModel, byStage);
    }

    public int deadLetters() {
        return (int) deadLettersByStage.values().stream().mapToLong(Long::longValue).sum();
    }
}
