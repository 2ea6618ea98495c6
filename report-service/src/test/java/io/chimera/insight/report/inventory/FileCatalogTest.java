package io.chimera.insight.report.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileCatalogTest {

    private static final Instant V1 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant V2 = Instant.parse("2026-11-28T11:00:00Z");

    private static BenchmarkFile file(String path, Instant ingestedAt, int runs, FileStatus status) {
        return BenchmarkFile.newBuilder().setFileId("id-" + path).setPath(path).setSha256("s" + ingestedAt)
                .setFormat(FileFormat.CSV).setSizeBytes(100 + runs).setModifiedAt(ingestedAt.minusSeconds(60))
                .setIngestedAt(ingestedAt).setRunCount(runs).setFailedRunCount(1).setStatus(status).build();
    }

    private static DeadLetter letter(String source, Instant at) {
        return DeadLetter.newBuilder().setId("d" + at).setSource(source).setStage("ingest.parse").setAt(at).build();
    }

    @Test
    void theLatestVersionOfAFileAndItsOwnDeadLettersCount() {
        FileCatalog catalog = new FileCatalog();
        catalog.add(file("a.csv", V1, 10, FileStatus.PARTIAL));
        catalog.add(letter("a.csv", V1.plusMillis(5)));
        catalog.add(letter("a.csv", V1.plusMillis(6)));
        catalog.add(file("a.csv", V2, 12, FileStatus.PARTIAL));
        catalog.add(letter("a.csv", V2.plusMillis(3)));
        catalog.add(file("a.csv", V1, 10, FileStatus.PARTIAL)); // a late copy of the old version changes nothing

        FileFacts facts = catalog.facts("a.csv").orElseThrow();

        assertThat(facts.runs()).isEqualTo(12);
        assertThat(facts.ingestedAt()).isEqualTo(V2);
        assertThat(facts.modifiedAt()).isEqualTo(V2.minusSeconds(60));
        assertThat(facts.deadLetters()).as("the two of version 1 no longer count").isEqualTo(1);
        assertThat(facts.format()).isEqualTo("CSV");
        assertThat(facts.status()).isEqualTo("PARTIAL");
    }

    @Test
    void theValuesDroppedFromAFileAreCarriedFromItsEventAndSummed() {
        FileCatalog catalog = new FileCatalog();
        catalog.add(BenchmarkFile.newBuilder(file("a.csv", V1, 3, FileStatus.ACCEPTED)).setDroppedValues(2).build());
        catalog.add(file("b.csv", V1, 3, FileStatus.ACCEPTED));

        Inventory inventory = Inventory.of(List.of("a.csv", "b.csv"), catalog, true);

        assertThat(catalog.facts("a.csv").orElseThrow().droppedValues()).isEqualTo(2);
        assertThat(inventory.droppedValues()).isEqualTo(2);
    }

    @Test
    void theDeadLettersThatStillCountAreListedNewestFirstAndTheReplacedOnesCounted() {
        FileCatalog catalog = new FileCatalog();
        catalog.add(file("a.csv", V1, 10, FileStatus.PARTIAL));
        catalog.add(letter("a.csv", V1.plusMillis(5)));
        catalog.add(letter("no-file-event.bin", V1.plusMillis(7)));
        long before = catalog.changes();
        catalog.add(file("a.csv", V2, 12, FileStatus.PARTIAL));
        catalog.add(letter("a.csv", V2.plusMillis(3)));

        assertThat(catalog.changes()).isEqualTo(before + 2);
        assertThat(catalog.currentDeadLetters()).extracting(DeadLetter::getSource, DeadLetter::getAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.csv", V2.plusMillis(3)),
                        org.assertj.core.groups.Tuple.tuple("no-file-event.bin", V1.plusMillis(7)));
        assertThat(catalog.supersededDeadLetters()).as("the one of version 1").isEqualTo(1);
    }

    @Test
    void aPathWithoutAFileEventIsUnknown() {
        FileCatalog catalog = new FileCatalog();
        catalog.add(letter("b.csv", V1));

        assertThat(catalog.facts("b.csv")).isEmpty();
    }

    @Test
    void theInventoryGroupsByExtensionAndSumsWhatIsKnown() {
        FileCatalog catalog = new FileCatalog();
        catalog.add(file("x/a.CSV", V1, 3, FileStatus.ACCEPTED));
        catalog.add(file("x/b.json", V2, 2, FileStatus.ACCEPTED));
        catalog.add(letter("x/b.json", V2));

        Inventory inventory = Inventory.of(List.of("x/a.CSV", "x/b.json", "x/README", "x.d/c.csv"), catalog, true);

        assertThat(inventory.byType()).containsOnlyKeys("(none)", "csv", "json");
        assertThat(inventory.byType().get("csv")).extracting(Inventory.Entry::path)
                .containsExactly("x/a.CSV", "x.d/c.csv");
        assertThat(inventory.latestModified()).hasValue(V2.minusSeconds(60));
        assertThat(inventory.deadLetters()).isEqualTo(1);
        assertThat(inventory.allKnown()).isFalse();
        assertThat(inventory.files().get(2).facts()).isEqualTo(Optional.empty());
    }
}
