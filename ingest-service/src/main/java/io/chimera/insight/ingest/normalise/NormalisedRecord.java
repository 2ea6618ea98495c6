package io.chimera.insight.ingest.normalise;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.parse.Problem;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of normalising one raw record: a run (or summary), or the problem that made it
 * unusable, or neither (an empty summary, skipped with a warning); plus what was noticed on the way.
 *
 * @param droppedValues values that could not be used (a metric cell that is not a number) and are in
 *                      no dead letter: left out of the run, or of a skipped summary; each is also
 *                      named in {@code warnings}
 */
public record NormalisedRecord(Optional<BenchmarkRun> run, Optional<Problem> problem, List<String> warnings,
                               int droppedValues) {

    public NormalisedRecord {
        warnings = List.copyOf(warnings);
    }

    static NormalisedRecord of(BenchmarkRun run, List<String> warnings, int droppedValues) {
        return new NormalisedRecord(Optional.of(run), Optional.empty(), warnings, droppedValues);
    }

    static NormalisedRecord unusable(Problem problem, List<String> warnings) {
        return new NormalisedRecord(Optional.empty(), Optional.of(problem), warnings, 0);
    }

    static NormalisedRecord skipped(List<String> warnings, int droppedValues) {
        return new NormalisedRecord(Optional.empty(), Optional.empty(), warnings, droppedValues);
    }
}
