package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RejectedFilesTest {

    @TempDir
    Path dir;

    @Test
    void utf16CsvHoldingOnlyAnErrorMessageIsRejectedWithADeadLetter() {
        IngestedFile file = TestCorpus.ingest("reports/profiling/ncu_summary.csv");

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getFormat()).isEqualTo(FileFormat.CSV);
        assertThat(file.file().getStatusReason()).isEqualTo("the file holds only an error message: "
                + "==ERROR== the argument for option '--page' is invalid. Use --help for further details.");
        assertThat(file.file().getWarnings())
                .contains("the UTF-16LE byte-order mark was re-encoded as UTF-8; read the rest as UTF-16LE");
        assertThat(file.runs()).isEmpty();
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getErrorClass()).isEqualTo("ErrorMessageOnly");
            assertThat(dl.getSource()).isEqualTo("reports/profiling/ncu_summary.csv");
            assertThat(dl.getExcerpt()).startsWith("==ERROR== the argument for option '--page' is invalid.");
        });
    }

    @Test
    void binaryProfilerReportIsRejectedAsBinary() {
        IngestedFile file = TestCorpus.ingest("reports/profiling/ncu_ollama.ncu-rep");

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getFormat()).isEqualTo(FileFormat.BINARY);
        assertThat(file.file().getSizeBytes()).isEqualTo(78_556);
        assertThat(file.file().getSha256()).hasSize(64);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.read");
            assertThat(dl.getErrorClass()).isEqualTo("BinaryContent");
            assertThat(dl.getExcerpt()).startsWith("NVR.").hasSizeLessThanOrEqualTo(512);
        });
    }

    @Test
    void fileOverTheSizeLimitIsRejectedUnreadButStillIdentifiedByItsDigest() throws IOException {
        Path big = dir.resolve("big.csv");
        byte[] content = "ttft_ms\n1\n2\n3\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(big, content);
        FileIngestor smallLimit = new FileIngestor(TestCorpus.RULES, 8, Clock.fixed(TestCorpus.NOW, ZoneOffset.UTC));

        IngestedFile file = smallLimit.ingest(dir, big);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getStatusReason()).isEqualTo("the file is 14 bytes, over the limit of 8 bytes");
        assertThat(file.sha256()).isEqualTo(Sha256.of(content));
        assertThat(file.deadLetters()).singleElement()
                .satisfies(dl -> assertThat(dl.getErrorClass()).isEqualTo("FileTooLarge"));
    }

    /** Reading a FIFO blocks until a writer comes: the guard fails the test instead of hanging the build. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoHandedOverIsRejectedWithoutBeingOpened() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("pipe.csv"));

        IngestedFile file = TestCorpus.ingestor().ingest(dir, fifo);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.read");
            assertThat(dl.getErrorClass()).isEqualTo("NotARegularFile");
        });
    }

    @Test
    void plainTextIsRejectedAsUnsupported() throws IOException {
        Path text = dir.resolve("LICENSE");
        Files.writeString(text, "MIT License\n\nPermission is hereby granted, free of charge\n");

        IngestedFile file = TestCorpus.ingestor().ingest(dir, text);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getFormat()).isEqualTo(FileFormat.TEXT);
        assertThat(file.deadLetters()).singleElement()
                .satisfies(dl -> assertThat(dl.getErrorClass()).isEqualTo("UnsupportedFormat"));
    }

    @Test
    void emptyFileIsEmptyNotRejected() throws IOException {
        Path empty = Files.createFile(dir.resolve("runs.csv"));

        IngestedFile file = TestCorpus.ingestor().ingest(dir, empty);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.EMPTY);
        assertThat(file.file().getStatusReason()).isEqualTo("the file is empty");
        assertThat(file.deadLetters()).isEmpty();
    }

    @Test
    void vanishedFileIsRejectedAtReadInsteadOfThrowing() {
        IngestedFile file = TestCorpus.ingestor().ingest(dir, dir.resolve("gone.csv"));

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getStage()).isEqualTo("ingest.read");
            assertThat(dl.getErrorClass()).isEqualTo("NoSuchFileException");
        });
    }

    @Test
    void undecodableBytesWithControlCharactersAreInvalidUtf8() throws IOException {
        Path junk = dir.resolve("results.csv");
        Files.write(junk, new byte[] {(byte) 0xC3, 0x28, 0x01, 0x02, 'a', ',', 'b', '\n'});

        IngestedFile file = TestCorpus.ingestor().ingest(dir, junk);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.file().getFormat()).as("no NUL byte: not told from text, so the extension's").isEqualTo(FileFormat.CSV);
        assertThat(file.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getErrorClass()).isEqualTo("InvalidUtf8");
            assertThat(dl.getMessage()).startsWith("invalid UTF-8 at byte offset 0 (line 1)");
        });
    }
}
