package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.DeadLetter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterListingRendererTest {

    private final DeadLetterListingRenderer renderer = new DeadLetterListingRenderer();

    private static DeadLetter letter(String source, String locator, String at, String message) {
        return DeadLetter.newBuilder().setId("id-" + at).setSource(source).setLocator(locator).setStage("ingest.parse")
                .setErrorClass("InconsistentRow").setMessage(message).setAt(Instant.parse(at)).build();
    }

    @Test
    void listsEachDeadLetterAsOneEscapedRowInTheOrderGiven() {
        String md = renderer.render(List.of(
                letter("runs/b.csv", "row 3", "2026-11-28T11:00:00Z", "row has 3 fields | header has 2\nsee *here*"),
                letter("profiling/ncu_ollama.ncu-rep", "", "2026-11-28T10:00:00Z", "binary content")), 0);

        assertThat(md).isEqualTo("""
                # Dead letters

                Input that could not be used, with the reason, newest first. Nothing else of these files was lost.

                | at | source | locator | stage | error | message |
                |---|---|---|---|---|---|
                | 2026-11-28T11:00:00Z | runs/b.csv | row 3 | ingest.parse | InconsistentRow | \
                row has 3 fields \\| header has 2 see \\*here\\* |
                | 2026-11-28T10:00:00Z | profiling/ncu\\_ollama.ncu-rep | – | ingest.parse | InconsistentRow | \
                binary content |
                """);
    }

    @Test
    void countsTheDeadLettersOfReplacedFileVersionsWithoutListingThem() {
        String md = renderer.render(List.of(letter("a.csv", "row 2", "2026-11-28T11:00:00Z", "bad")), 2);

        assertThat(md).contains("| 2026-11-28T11:00:00Z | a.csv | row 2 |")
                .endsWith("|\n\n2 earlier dead letter(s) of file versions replaced since are not listed.\n");
    }

    @Test
    void withNothingToListItSaysSo() {
        assertThat(renderer.render(List.of(), 0)).isEqualTo("# Dead letters\n\nNothing could not be used.\n");
    }
}
