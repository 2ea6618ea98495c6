package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.platform.kafka.DeadLetters;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and re-encoded corpus files never crash ingest: each ends in a file event whose status
 * agrees with its runs and dead letters, and every record is well formed. Re-encoding a file in
 * UTF-16 (with or without byte-order mark) must not change what is read from it. Fixed seed: a
 * failure names the case and replays.
 */
class IngestFuzzTest {

    private static final long SEED = 20251128L;
    private static final int CASES_PER_FILE = 24;

    private static final List<String> SOURCES = List.of(
            "corpus/reports/gemma3/gemma3_270m_param_tuning.csv",
            "corpus/reports/gemma3/gemma3_1b-it-qat_baseline.csv",
            "corpus/reports/gemma3/gemma3_270m_param_tuning_summary.csv",
            "corpus/reports/gemma3/gemma3_270m_baseline.json",
            "corpus/reports/gemma3/Gemma3_Benchmark_Report.md",
            "corpus/reports/ollama/20251002-151204/prompt_suite_runs.csv",
            "corpus/reports/ollama/20251002-151824/prompt_suite_summary.json",
            "corpus/reports/ollama/ollama_benchmark_summary.md",
            "corpus/reports/ollama/prompt_suite_lessons_20251002.md",
            "corpus/reports/profiling/ncu_summary.csv",
            "corpus/demo_agent_runs/Demo_rust_agent_sweep__gpu60_ctx256_temp0p8/metrics.json",
            "fixtures/rust_agent_sweep_runs.ndjson");

    private static final Charset[] UTF16 = {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE};

    @TempDir
    Path dir;

    private final FileIngestor ingestor = TestCorpus.ingestor();
    private final Random random = new Random(SEED);

    @Test
    void damagedAndReEncodedCorpusFilesAlwaysEndInAConsistentFileEvent() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        int cases = 0;
        Set<FileStatus> outcomes = EnumSet.noneOf(FileStatus.class);
        for (String source : SOURCES) {
            byte[] original = Files.readAllBytes(TestCorpus.root().getParent().resolve(source));
            String name = Path.of(source).getFileName().toString();
            for (int i = 0; i < CASES_PER_FILE; i++) {
                Mutation mutation = mutate(original);
                String label = source + " case " + i + " (" + mutation.description() + ")";
                IngestedFile result = ingestCase(name, mutation.bytes(), softly, label);
                if (result != null) {
                    checkConsistent(result, mutation.bytes(), softly, label);
                    outcomes.add(result.file().getStatus());
                }
                cases++;
            }
        }
        softly.assertAll();
        assertThat(cases).isEqualTo(SOURCES.size() * CASES_PER_FILE);
        assertThat(outcomes).as("the damage reaches every outcome").containsExactlyInAnyOrder(FileStatus.values());
    }

    @Test
    void reEncodingInUtf16WithOrWithoutMarkReadsTheSameRecords() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String source : SOURCES) {
            byte[] original = Files.readAllBytes(TestCorpus.root().getParent().resolve(source));
            String text = new String(stripUtf8Bom(original), StandardCharsets.UTF_8);
            if (!isUtf8(original) || text.isEmpty() || text.indexOf('\u0000') >= 0) {
                continue; // the corpus's UTF-16 file (NULs between its letters) is covered by the damage test
            }
            String name = Path.of(source).getFileName().toString();
            List<String> expected = signature(ingestCase(name, original, softly, source));
            for (Charset charset : UTF16) {
                for (boolean mark : new boolean[] {true, false}) {
                    byte[] encoded = (mark ? "\uFEFF" + text : text).getBytes(charset);
                    String label = source + " in " + charset + (mark ? " with" : " without") + " BOM";
                    softly.assertThat(signature(ingestCase(name, encoded, softly, label))).as(label)
                            .isEqualTo(expected);
                }
            }
        }
        softly.assertAll();
    }

    private IngestedFile ingestCase(String name, byte[] bytes, SoftAssertions softly, String label) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        try {
            return ingestor.ingest(dir, file);
        } catch (RuntimeException e) {
            softly.fail(label + " threw " + e);
            return null;
        }
    }

    private static void checkConsistent(IngestedFile result, byte[] bytes, SoftAssertions softly, String label) {
        BenchmarkFile event = result.file();
        softly.assertThat(event.getStatus()).as(label).isNotNull();
        softly.assertThat(event.getSha256()).as(label).isEqualTo(Sha256.of(bytes));
        List<BenchmarkRun> runs = result.runs();
        List<DeadLetter> deadLetters = result.deadLetters();
        switch (event.getStatus()) {
            case ACCEPTED -> {
                softly.assertThat(runs).as(label + ": accepted has records").isNotEmpty();
                softly.assertThat(deadLetters).as(label + ": accepted has no dead letter").isEmpty();
            }
            case PARTIAL -> {
                softly.assertThat(runs).as(label + ": partial has records").isNotEmpty();
                softly.assertThat(deadLetters).as(label + ": partial has dead letters").isNotEmpty();
            }
            case REJECTED -> {
                softly.assertThat(runs).as(label + ": rejected has no record").isEmpty();
                softly.assertThat(deadLetters).as(label + ": rejected says why").isNotEmpty();
            }
            case EMPTY -> {
                softly.assertThat(runs).as(label + ": empty has no record").isEmpty();
                softly.assertThat(deadLetters).as(label + ": empty has no dead letter").isEmpty();
                softly.assertThat(event.getStatusReason()).as(label + ": empty says why").isNotBlank();
            }
            default -> softly.fail(label + ": unexpected status " + event.getStatus());
        }
        long runCount = runs.stream().filter(r -> r.getKind() == RecordKind.RUN).count();
        long failed = runs.stream().filter(r -> r.getKind() == RecordKind.RUN && !r.getOk()).count();
        softly.assertThat(event.getRunCount()).as(label + ": run count").isEqualTo((int) runCount);
        softly.assertThat(event.getSummaryCount()).as(label + ": summary count").isEqualTo((int) (runs.size() - runCount));
        softly.assertThat(event.getFailedRunCount()).as(label + ": failed count").isEqualTo((int) failed);
        for (BenchmarkRun run : runs) {
            softly.assertThat(run.getModel()).as(label + ": model").isNotBlank();
            softly.assertThat(run.getLocator()).as(label + ": locator").isNotBlank();
            softly.assertThat(run.getMetrics().values()).as(label + ": finite metrics at " + run.getLocator())
                    .allSatisfy(m -> assertThat(Double.isFinite(m.getValue())).isTrue());
            if (run.getOk()) {
                softly.assertThat(run.getMetrics()).as(label + ": an ok record measures something").isNotEmpty();
            } else {
                softly.assertThat(run.getError()).as(label + ": a failed run says why").isNotBlank();
            }
        }
        for (DeadLetter deadLetter : deadLetters) {
            softly.assertThat(deadLetter.getStage()).as(label + ": stage").isNotBlank();
            softly.assertThat(deadLetter.getErrorClass()).as(label + ": error class").isNotBlank();
            softly.assertThat(deadLetter.getMessage()).as(label + ": message").isNotBlank();
            softly.assertThat(deadLetter.getExcerpt().length()).as(label + ": excerpt")
                    .isLessThanOrEqualTo(DeadLetters.MAX_EXCERPT);
        }
    }

    /** What a reader of the records sees, independent of the bytes' encoding. */
    private static List<String> signature(IngestedFile result) {
        List<String> lines = new ArrayList<>();
        if (result == null) {
            return lines;
        }
        lines.add(result.file().getStatus() + " " + result.file().getFormat());
        for (BenchmarkRun run : result.runs()) {
            lines.add(run.getKind() + " " + run.getLocator() + " " + run.getModel() + " " + run.getOk() + " "
                    + run.getError() + " " + run.getConfig() + " " + run.getMetrics());
        }
        for (DeadLetter deadLetter : result.deadLetters()) {
            lines.add("dead letter " + deadLetter.getLocator() + " " + deadLetter.getErrorClass());
        }
        return lines;
    }

    private record Mutation(byte[] bytes, String description) {
    }

    private Mutation mutate(byte[] original) {
        return switch (random.nextInt(7)) {
            case 0 -> truncate(original);
            case 1 -> flip(original);
            case 2 -> reEncode(original);
            case 3 -> {
                Mutation encoded = reEncode(original);
                Mutation cut = truncate(encoded.bytes());
                yield new Mutation(cut.bytes(), encoded.description() + ", " + cut.description());
            }
            case 4 -> {
                Mutation encoded = reEncode(original);
                Mutation flipped = flip(encoded.bytes());
                yield new Mutation(flipped.bytes(), encoded.description() + ", " + flipped.description());
            }
            case 5 -> splice(original);
            default -> {
                Mutation cut = truncate(original);
                Mutation flipped = flip(cut.bytes());
                yield new Mutation(flipped.bytes(), cut.description() + ", " + flipped.description());
            }
        };
    }

    private Mutation truncate(byte[] bytes) {
        int length = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        return new Mutation(Arrays.copyOf(bytes, length), "truncated to " + length + " bytes");
    }

    private Mutation flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 + random.nextInt(255));
        }
        return new Mutation(copy, flips + " bytes flipped");
    }

    private Mutation reEncode(byte[] bytes) {
        String text = new String(stripUtf8Bom(bytes), StandardCharsets.UTF_8);
        return switch (random.nextInt(5)) {
            case 0 -> new Mutation(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE), "UTF-16LE with BOM");
            case 1 -> new Mutation(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE), "UTF-16BE with BOM");
            case 2 -> new Mutation(text.getBytes(StandardCharsets.UTF_16LE), "UTF-16LE without BOM");
            case 3 -> new Mutation(text.getBytes(StandardCharsets.UTF_16BE), "UTF-16BE without BOM");
            default -> new Mutation(text.getBytes(StandardCharsets.ISO_8859_1), "Latin-1");
        };
    }

    /** A random slice of the file pasted at a random place: duplicated rows, half a JSON object. */
    private Mutation splice(byte[] bytes) {
        if (bytes.length < 2) {
            return new Mutation(bytes, "unchanged");
        }
        int from = random.nextInt(bytes.length);
        int to = from + random.nextInt(Math.min(200, bytes.length - from)) + 1;
        int at = random.nextInt(bytes.length);
        byte[] slice = Arrays.copyOfRange(bytes, from, Math.min(to, bytes.length));
        byte[] out = new byte[bytes.length + slice.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(slice, 0, out, at, slice.length);
        System.arraycopy(bytes, at, out, at + slice.length, bytes.length - at);
        return new Mutation(out, "bytes " + from + ".." + to + " pasted at " + at);
    }

    private static byte[] stripUtf8Bom(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
