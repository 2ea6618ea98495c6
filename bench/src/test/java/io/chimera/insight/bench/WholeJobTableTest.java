package io.chimera.insight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.bench.measure.ChildCli;
import io.chimera.insight.bench.measure.WholeJobProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WholeJobTableTest {

    private static final long MIB = 1L << 20;

    /** A run whose phase lines arrived at {@code arrivals} seconds, exiting at {@code exit}. */
    private static WholeJobProbe.Result run(double[] arrivals, double exit, long peakMib, int exitCode) {
        List<WholeJobProbe.PhaseEnd> phases = new ArrayList<>();
        for (int i = 0; i < arrivals.length; i++) {
            phases.add(new WholeJobProbe.PhaseEnd(Phase.values()[i], "detail " + i, seconds(arrivals[i]), arrivals[i] / 2,
                    OptionalLong.of((100 + 10L * i) * MIB)));
        }
        ChildCli.Result process = new ChildCli.Result(exitCode, false, OptionalLong.of(peakMib * MIB), seconds(exit),
                List.of("java", "-cp", "x", "Main"), Path.of("job.out"), Path.of("job.err"));
        return new WholeJobProbe.Result(phases, process, "3.10 2.00 1.00", "4.20 2.50 1.10");
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }

    @Test
    void eachPhaseIsTheTimeFromTheLineBeforeItsOwnAndTheMedianAndRangeAreOverTheRuns() {
        String table = WholeJobTable.render(List.of(
                run(new double[] {2, 5, 9, 12, 13}, 14, 900, 0),
                run(new double[] {3, 7, 12, 16, 17}, 19, 950, 0),
                run(new double[] {2, 4, 7, 9, 10}, 11, 800, 0)));

        assertThat(table).contains("| run 1 | 14.00 s | 900 MiB | 2.00 s | 3.00 s | 4.00 s | 3.00 s | 1.00 s | 1.00 s | 3.10 → 4.20 |")
                .contains("| run 2 | 19.00 s | 950 MiB | 3.00 s | 4.00 s | 5.00 s | 4.00 s | 1.00 s | 2.00 s |")
                .contains("| median | 14.00 s | 900 MiB | 2.00 s | 3.00 s | 4.00 s | 3.00 s | 1.00 s | 1.00 s | |")
                .contains("| range | 11.00 s – 19.00 s | 800 MiB – 950 MiB | 2.00 s – 3.00 s |");
        assertThat(table).contains("| 100 MiB | 110 MiB | 120 MiB | 130 MiB | 140 MiB | 900 MiB |");
        assertThat(table).contains("| ingest | 2.5 s | 3.00 s | detail 1 |");
    }

    @Test
    void aRunThatDidNotCompleteSaysWhyAndIsLeftOutOfTheMedian() {
        String table = WholeJobTable.render(List.of(
                run(new double[] {2, 5, 9, 12, 13}, 14, 900, 0),
                run(new double[] {3, 7}, 600, 1000, 1)));

        assertThat(table).contains("| run 2 | 600.00 s, not complete: exit code 1 | 1000 MiB | 3.00 s | 4.00 s | not reached "
                        + "| not reached | not reached | – |")
                .contains("| median | 14.00 s | 900 MiB |")
                .contains("| range | 14.00 s – 14.00 s |");
    }
}
