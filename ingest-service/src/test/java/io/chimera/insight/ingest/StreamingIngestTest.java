package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.SourceReader;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.json.JsonFileParser;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reading as a stream changes: limits that name their option, discarding, and two passes. */
class StreamingIngestTest {

    @TempDir
    Path folder;

    private final Counting sink = new Counting();

    @Test
    void aFileOverTheRecordsLimitIsRejectedWholeNamingTheLimitAndItsOption() throws IOException {
        Path csv = csv("sweep.csv", 50, "");
        IngestedFile file = ingestor(new IngestLimits(1 << 20, 1 << 20, 20)).ingest(folder, csv, sink, sha -> false);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("TooManyRecords");
            assertThat(d.getStage()).isEqualTo("ingest.read");
            assertThat(d.getMessage()).contains("more than 20 records", "--max-records-per-file");
        });
        assertThat(sink.discarded).isTrue();
        assertThat(sink.runs).isEqualTo(20); // sent as made, then discarded at the limit
    }

    @Test
    void aSyntaxErrorNearTheEndDiscardsTheRecordsAlreadySent() throws IOException {
        Path csv = csv("sweep.csv", 200, "gemma3,\"unterminated,1,2\n");
        IngestedFile file = TestCorpus.ingestor().ingest(folder, csv, sink, sha -> false);

        assertThat(file.file().getStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(file.deadLetters()).singleElement().extracting(DeadLetter::getErrorClass).isEqualTo("CsvSyntax");
        assertThat(sink.runs).isEqualTo(200);
        assertThat(sink.discarded).isTrue();
        assertThat(file.file().getRunCount()).isZero();
    }

    @Test
    void invalidUtf8FarIntoTheFileRejectsItWithTheOffsetAndLineOfTheBadByte() throws IOException {
        Path csv = csv("sweep.csv", 5000, "");
        byte[] bytes = Files.readAllBytes(csv);
        byte[] bad = ("gemma3,1,9" + (char) 0).getBytes(StandardCharsets.ISO_8859_1);
        bad[bad.length - 1] = (byte) 0xC3;
        byte[] all = new byte[bytes.length + bad.length + 2];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        System.arraycopy(bad, 0, all, bytes.length, bad.length);
        all[all.length - 2] = '(';
        all[all.length - 1] = '\n';
        Files.write(csv, all);

        IngestedFile file = TestCorpus.ingestor().ingest(folder, csv, sink, sha -> false);

        int offset = bytes.length + bad.length - 1;
        assertThat(file.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("InvalidUtf8");
            assertThat(d.getMessage()).startsWith("invalid UTF-8 at byte offset " + offset + " (line 5002);");
            assertThat(d.getExcerpt()).isEqualTo("gemma3,1,9\\xc3(");
        });
        assertThat(sink.discarded).isTrue();
    }

    @Test
    void aJsonObjectOverTheDocumentLimitIsRejectedNamingTheOption() throws IOException {
        Path json = folder.resolve("results.json");
        Files.writeString(json, "{\"model\": \"gemma3\", \"results\": [" + "{\"ttft_ms\": 12},".repeat(100)
                + "{\"ttft_ms\": 13}]}");
        IngestedFile file = ingestor(new IngestLimits(1 << 20, 500, 1000)).ingest(folder, json, sink, sha -> false);

        assertThat(file.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("DocumentTooLarge");
            assertThat(d.getMessage()).contains("limit of 500 characters", "--max-document-size");
        });
    }

    @Test
    void aJsonArrayIsStreamedPastTheDocumentLimitWithTheLocatorsAndContextOfTheWholeTree() throws IOException {
        String array = "[" + "{\"model\": \"gemma3\", \"options\": {\"num_ctx\": 2048}, \"ttft_ms\": 12},".repeat(100)
                + "{\"model\": \"qwen\", \"runs\": [{\"ttft_ms\": 3}]}]";
        Path json = folder.resolve("results.json");
        Files.writeString(json, array);
        IngestedFile streamed = ingestor(new IngestLimits(1 << 20, 500, 1000)).ingest(folder, json);
        IngestedFile whole = TestCorpus.ingestor().ingest(folder, json);

        assertThat(streamed.file().getStatus()).as(streamed.file().getStatusReason()).isEqualTo(FileStatus.ACCEPTED);
        assertThat(streamed.runs()).hasSize(101);
        assertThat(streamed.runs()).extracting(BenchmarkRun::getLocator).contains("/0", "/99", "/100/runs/0");
        assertThat(streamed.runs()).extracting(BenchmarkRun::toString)
                .containsExactlyElementsOf(whole.runs().stream().map(BenchmarkRun::toString).toList());
        assertThat(TestCorpus.run(streamed, "/100/runs/0").getModel()).isEqualTo("qwen");
        assertThat(TestCorpus.run(streamed, "/3").getConfig()).containsEntry("num_ctx", "2048");
    }

    @Test
    void aSyntaxErrorInAStreamedArrayShowsTheTextAroundIt() throws IOException {
        List<RawRecord> records = new ArrayList<>();
        String text = "[" + "{\"ttft_ms\": 12},".repeat(2000) + "{\"ttft_ms\": oops}]";
        try {
            new JsonFileParser(TestCorpus.RULES).parse(SourceReader.of(new SourceText(text, "r.json")), collect(records));
            throw new AssertionError("a syntax error must reject the file");
        } catch (io.chimera.insight.ingest.parse.UnusableFileException e) {
            assertThat(e.errorClass()).isEqualTo("JsonSyntax");
            assertThat(e.excerpt()).contains("{\"ttft_ms\": oops}]").hasSizeLessThanOrEqualTo(512);
            assertThat(e.locator()).isEqualTo("line 1");
        }
        assertThat(records).hasSize(2000);
    }

    @Test
    void aFileThatChangesBetweenTheTwoPassesIsNotReadAsAMix() throws IOException {
        Path csv = csv("sweep.csv", 100, "");
        IngestedFile file = TestCorpus.ingestor().ingest(folder, csv, sink, sha -> {
            try { // a rig rewrites the file after its digest was taken, before it is parsed
                Files.writeString(csv, "model,ttft_ms\ngemma3,1\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return false;
        });

        assertThat(file.reading()).isEqualTo(IngestedFile.Reading.CHANGED_WHILE_READ);
        assertThat(file.file().getStatusReason()).contains("changed while it was read");
        assertThat(sink.discarded).isTrue();
    }

    @Test
    void anUnchangedFileIsNotParsed() throws IOException {
        Path csv = csv("sweep.csv", 10, "");
        IngestedFile file = TestCorpus.ingestor().ingest(folder, csv, sink, sha -> true);

        assertThat(file.reading()).isEqualTo(IngestedFile.Reading.UNCHANGED);
        assertThat(sink.runs).isZero();
    }

    private Path csv(String name, int rows, String tail) throws IOException {
        StringBuilder text = new StringBuilder("model,num_ctx,ttft_ms\n");
        for (int i = 0; i < rows; i++) {
            text.append("gemma3,").append(1024 + i).append(',').append(100 + i).append('\n');
        }
        Path file = folder.resolve(name);
        Files.writeString(file, text + tail);
        return file;
    }

    private static FileIngestor ingestor(IngestLimits limits) {
        return new FileIngestor(TestCorpus.RULES, limits, Clock.fixed(TestCorpus.NOW, ZoneOffset.UTC));
    }

    private static RecordSink collect(List<RawRecord> records) {
        return new RecordSink() {
            @Override
            public void record(RawRecord record) {
                records.add(record);
            }

            @Override
            public void problem(Problem problem) {
            }

            @Override
            public void warning(String warning) {
            }
        };
    }

    /** Counts what it is sent. */
    private static final class Counting implements IngestSink {
        int runs;
        int deadLetters;
        boolean discarded;

        @Override
        public void run(BenchmarkRun run) {
            runs++;
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            deadLetters++;
        }

        @Override
        public void discard() {
            discarded = true;
        }
    }
}
