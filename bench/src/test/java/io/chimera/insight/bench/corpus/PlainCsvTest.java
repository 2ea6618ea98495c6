package io.chimera.insight.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesPlainRowsOfAboutTwentyNineBytesUntilTheSizeAsked() throws Exception {
        PlainCsv.Written written = PlainCsv.write(dir.resolve("large.csv"), 100_000, 7);

        List<String> lines = Files.readAllLines(written.path());
        assertThat(written.bytes()).isEqualTo(Files.size(written.path())).isBetween(100_000L, 100_100L);
        assertThat(lines.get(0)).isEqualTo("model,tokens_per_s,ttft_ms");
        assertThat(lines).hasSize((int) written.rows() + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.matches("[a-z0-9.-]+,\\d+\\.\\d{3},\\d+\\.\\d{2}"));
        assertThat(written.bytes() / (double) written.rows()).isBetween(27.0, 31.0);
    }

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        PlainCsv.Written first = PlainCsv.write(dir.resolve("a.csv"), 10_000, 3);
        PlainCsv.Written second = PlainCsv.write(dir.resolve("b.csv"), 10_000, 3);

        assertThat(Files.mismatch(first.path(), second.path())).isEqualTo(-1);
    }
}
