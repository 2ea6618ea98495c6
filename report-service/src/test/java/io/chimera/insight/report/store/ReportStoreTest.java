package io.chimera.insight.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {

    @TempDir
    Path reports;

    @Test
    void writesLatestJsonAndATimestampedCopyOnlyWhenTheContentChanges() throws Exception {
        ReportStore store = new ReportStore(reports);
        Instant first = Instant.parse("2026-11-28T10:00:00Z");

        ReportStore.WrittenReport written = store.write("gemma3", "# one\n", "{}\n", first);
        ReportStore.WrittenReport again = store.write("gemma3", "# one\n", "{}\n", first.plusSeconds(60));
        store.write("gemma3", "# two\n", "{}\n", first.plusSeconds(120));

        assertThat(written.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(Files.readString(reports.resolve("gemma3/latest.md"))).isEqualTo("# two\n");
        assertThat(written.sha256()).isEqualTo("54c592ac3a26758bdc4232b5a2f32eed508b2b3c48bc3b177eae44a5b47bd0c8"); // sha256sum of "# one\n"
        assertThat(written.bytes()).isEqualTo(6);
        try (Stream<Path> files = Files.list(reports.resolve("gemma3"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("20261128T100000Z.md", "20261128T100200Z.md", "latest.json", "latest.md");
        }
    }
}
