package io.chimera.insight.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.app.local.RunPhases.Phase;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPhasesTest {

    private final StringWriter out = new StringWriter();
    private final TerminalProgress quiet = new TerminalProgress(new PrintStream(PrintStream.nullOutputStream()), false);

    @Test
    void eachPhaseLineSaysWhatThePhaseDidAndReadsBackAsPrinted() {
        assertThat(RunPhases.format(Phase.INGEST, "2,000 files, 21,795 runs", 3.24))
                .isEqualTo("ingest: 2,000 files, 21,795 runs in 3.2 s");
        assertThat(RunPhases.parse("ingest: 2,000 files, 21,795 runs in 3.2 s"))
                .contains(new RunPhases.Line(Phase.INGEST, "2,000 files, 21,795 runs", 3.2));
        assertThat(RunPhases.parse("start-up: embedded Kafka, schema registry and services ready in 12.0 s"))
                .contains(new RunPhases.Line(Phase.START_UP, "embedded Kafka, schema registry and services ready", 12.0));
        assertThat(RunPhases.count(21_795)).isEqualTo("21,795");
    }

    @Test
    void theSummaryLinesAreNotPhaseLines() {
        for (String summary : List.of("files: 10", "runs: 65 (7 failed)", "reports: 6 (reports/index.md)",
                "elapsed: 8.1 s", "report: 6 reports written")) {
            assertThat(RunPhases.parse(summary)).as(summary).isEmpty();
        }
    }

    @Test
    void thePhasesArePrintedInOrderWithTheirDurationsFromTheJvmStart() {
        RunPhases phases = new RunPhases(new PrintWriter(out), quiet, System.currentTimeMillis() - 2_000);

        phases.ended(Phase.START_UP, "ready");
        phases.ended(Phase.INGEST, "1 files, 3 runs");
        phases.ended(Phase.AGGREGATION, "3 runs of 1 models");

        List<RunPhases.Line> lines = out.toString().lines().map(RunPhases::parse).flatMap(Optional::stream).toList();
        assertThat(lines).extracting(RunPhases.Line::phase)
                .containsExactly(Phase.START_UP, Phase.INGEST, Phase.AGGREGATION);
        assertThat(lines.get(0).seconds()).as("start-up counts from the JVM's start").isGreaterThanOrEqualTo(2.0);
        assertThat(phases.hasEnded(Phase.AGGREGATION)).isTrue();
        assertThat(phases.hasEnded(Phase.ANALYSIS)).isFalse();
    }

    @Test
    void aPhaseCannotEndBeforeTheOneBeforeItNorTwice() {
        RunPhases phases = new RunPhases(new PrintWriter(out), quiet, System.currentTimeMillis());
        phases.ended(Phase.START_UP, "ready");

        assertThatThrownBy(() -> phases.ended(Phase.AGGREGATION, "0 runs of 0 models"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ingest is next");
        assertThatThrownBy(() -> phases.ended(Phase.START_UP, "ready")).isInstanceOf(IllegalStateException.class);
    }
}
