package io.chimera.insight.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        assertThat(again.written()).isEmpty();
        assertThat(Files.readString(reports.resolve("gemma3/latest.md"))).isEqualTo("# two\n");
        assertThat(written.sha256()).isEqualTo("54c592ac3a26758bdc4232b5a2f32eed508b2b3c48bc3b177eae44a5b47bd0c8"); // sha256sum of "# one\n"
        assertThat(written.bytes()).isEqualTo(6);
        try (Stream<Path> files = Files.list(reports.resolve("gemma3"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("20261128T100000Z.md", "20261128T100200Z.md", "latest.json", "latest.md");
        }
    }

    @Test
    void chartsBesideTheReportAreRewrittenOnlyWhenTheyChange() throws Exception {
        ReportStore store = new ReportStore(reports);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        Map<String, String> charts = Map.of("tokens-per-s-by-config.svg", "<svg>a</svg>", "ttft-percentiles.svg",
                "<svg>b</svg>");
        store.write("gemma3", "# one\n", "{}\n", charts, List.of(), at);
        Path ttft = reports.resolve("gemma3/ttft-percentiles.svg");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(ttft, old);

        ReportStore.WrittenReport second = store.write("gemma3", "# one\n", "{}\n",
                Map.of("tokens-per-s-by-config.svg", "<svg>a2</svg>", "ttft-percentiles.svg", "<svg>b</svg>"),
                List.of(), at.plusSeconds(60));

        assertThat(second.written()).containsExactly("tokens-per-s-by-config.svg");
        assertThat(Files.getLastModifiedTime(ttft)).isEqualTo(old);
        assertThat(Files.readString(reports.resolve("gemma3/tokens-per-s-by-config.svg"))).isEqualTo("<svg>a2</svg>");
    }

    @Test
    void aChartThatNoLongerAppliesIsRemoved() throws Exception {
        ReportStore store = new ReportStore(reports);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        store.write("gemma3", "# one\n", "{}\n", Map.of("ttft-percentiles.svg", "<svg/>"), List.of(), at);

        store.write("gemma3", "# two\n", "{}\n", Map.of(), List.of("ttft-percentiles.svg"), at.plusSeconds(1));

        assertThat(reports.resolve("gemma3/ttft-percentiles.svg")).doesNotExist();
    }

    @Test
    void aFileBesideTheReportMustBeAPlainName() {
        ReportStore store = new ReportStore(reports);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");

        assertThatThrownBy(() -> store.write("gemma3", "#\n", "{}\n", Map.of("../index.md", "x"), List.of(), at))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write("gemma3", "#\n", "{}\n", Map.of(".hidden", "x"), List.of(), at))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reports.resolve("index.md")).doesNotExist();
    }

    @Test
    void hostileModelNamesWriteInsideTheReportsFolder() throws Exception {
        ReportStore store = new ReportStore(reports);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");

        ReportStore.WrittenReport traversal = store.write("../../etc/passwd", "#\n", "{}\n", at);
        ReportStore.WrittenReport longName = store.write("m".repeat(500), "#\n", "{}\n", at);

        Path root = reports.toAbsolutePath().normalize();
        assertThat(traversal.markdown().getParent().getParent()).isEqualTo(root);
        assertThat(longName.markdown().getParent().getParent()).isEqualTo(root);
        assertThat(longName.markdown().getParent().getFileName().toString().length()).isLessThanOrEqualTo(80);
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)).allMatch(p -> p.startsWith(root)).hasSize(6); // latest.md, latest.json and a copy, twice
        }
    }

    @Test
    void aReportsFolderThatCannotBeMadeIsNotWritable() throws Exception {
        Path file = Files.writeString(reports.resolve("not-a-folder"), "x");

        assertThat(new ReportStore(reports).isWritable()).isTrue();
        assertThat(new ReportStore(file.resolve("reports")).isWritable()).isFalse();
    }

    @Test
    void theDeadLetterListingIsWrittenLinkedAndRemovedWhenNothingIsLeftToList() throws Exception {
        Path root = reports;
        ReportStore store = new ReportStore(root);
        assertThat(store.deadLettersLink()).isEmpty();

        store.writeDeadLetters(Optional.of("# Dead letters\n"));

        assertThat(root.resolve("dead-letters.md")).hasContent("# Dead letters");
        assertThat(store.deadLettersLink()).hasValue("../dead-letters.md");
        Path report = store.folderOf("gemma3:270m").resolve("latest.md");
        assertThat(report.getParent().resolve(store.deadLettersLink().orElseThrow()).normalize())
                .isEqualTo(root.resolve("dead-letters.md").toAbsolutePath().normalize());

        store.writeDeadLetters(Optional.empty());

        assertThat(root.resolve("dead-letters.md")).doesNotExist();
        assertThat(store.deadLettersLink()).isEmpty();
    }
}
