package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text that cannot be read, or a value that cannot be used, leaves a trace: a dead letter or a counted value. */
class UnusableTextIngestTest {

    private static final String HEADER = "model,ttft_ms,tokens_per_second\n";

    @TempDir
    Path dir;

    @Test
    void invalidUtf8InAModelNameRejectsTheFileNamingTheOffsetInsteadOfGuessingLatin1() throws IOException {
        IngestedFile file = ingest("runs.csv", bytes(HEADER + "gemma3,12,40\nutf8:", new byte[] {(byte) 0xFF, (byte) 0xFE},
                "bad,13,41\n"));

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getFormat()).isEqualTo(FileFormat.CSV);
        assertThat(file.file().getModels()).isEmpty();
        assertThat(file.runs()).isEmpty();
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.read");
            assertThat(dl.getErrorClass()).isEqualTo("InvalidUtf8");
            assertThat(dl.getMessage()).startsWith("invalid UTF-8 at byte offset 50 (line 3)");
            assertThat(dl.getLocator()).isEqualTo("byte 50");
            assertThat(dl.getExcerpt()).isEqualTo("utf8:\\xff\\xfebad,13,41");
        });
    }

    @Test
    void invalidUtf8InAMetricCellIsADeadLetterNotADroppedValue() throws IOException {
        IngestedFile file = ingest("runs.csv", bytes(HEADER + "gemma3,12,40\ngemma3,1", new byte[] {(byte) 0xC3, '('},
                ".5,41\n"));

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getErrorClass()).isEqualTo("InvalidUtf8");
            assertThat(dl.getMessage()).startsWith("invalid UTF-8 at byte offset 53 (line 3)");
        });
    }

    @Test
    void aMetricCellThatIsNotANumberIsCountedOnTheFileEventAndNamedInAWarning() throws IOException {
        IngestedFile file = ingest("runs.csv", bytes(HEADER + "gemma3,12,40\ngemma3,abc,41\ngemma3,14,nan\n"));

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(file.runs()).hasSize(3);
        BenchmarkRun second = TestCorpus.run(file, "row 3");
        assertThat(second.getMetrics()).hasSize(1).allSatisfy((name, metric) ->
                assertThat(metric.getSourceName()).isEqualTo("tokens_per_second"));
        assertThat(file.file().getDroppedValues()).as("nan says 'not measured'; abc is unusable").isEqualTo(1);
        assertThat(file.file().getWarnings()).contains("row 3: ttft_ms 'abc' is not a number; value dropped");
    }

    @Test
    void aRunWhoseOnlyMetricIsNotANumberIsADeadLetterNamingTheValue() throws IOException {
        IngestedFile file = ingest("runs.csv", bytes("model,ttft_ms\ngemma3,12\ngemma3,abc\n"));

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.PARTIAL);
        assertThat(file.file().getDroppedValues()).as("counted once, as the dead letter").isZero();
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getLocator()).isEqualTo("row 3");
            assertThat(dl.getMessage()).isEqualTo("the run holds no numeric metric value (ttft_ms 'abc' is not a number)");
        });
    }

    @Test
    void utf8AndUtf16WithByteOrderMarksStillParse() throws IOException {
        String text = "\uFEFF" + HEADER + "g\u00e9mma3,12,40\n";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE}) {
            IngestedFile file = ingest("runs-" + charset.name() + ".csv", text.getBytes(charset));

            assertThat(file.file().getStatus()).as(charset.name()).isEqualTo(FileStatus.ACCEPTED);
            assertThat(file.file().getModels()).as(charset.name()).containsExactly("g\u00e9mma3");
            assertThat(file.deadLetters()).as(charset.name()).isEmpty();
        }
    }

    private IngestedFile ingest(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return TestCorpus.ingestor().ingest(dir, file);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
