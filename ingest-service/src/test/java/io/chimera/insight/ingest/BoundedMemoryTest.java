package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV far bigger than any window is read with memory that does not grow with it: a JVM of its
 * own with a 64 MiB heap reads 300,000 rows (12 MB; the whole-file reader held its bytes, its text,
 * and every run as an object, over 300 MB) and counts what it made.
 */
class BoundedMemoryTest {

    static final int ROWS = 300_000;

    @TempDir
    Path folder;

    @Test
    void aLargeCsvIsReadInASmallHeap() throws Exception {
        Path csv = folder.resolve("gemma3_270m_sweep.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("model,num_ctx,temperature,ttft_ms,tokens_per_s,eval_count\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("gemma3:270m," + (1024 << (i % 3)) + ",0." + (i % 9) + "," + (100 + i % 50) + ".5,"
                        + (90 + i % 13) + ".25," + (300 + i % 700) + "\n");
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), folder.toString(), csv.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("status=ACCEPTED runs=" + ROWS + " sunk=" + ROWS + " deadLetters=0");
    }

    /** Reads the file into a sink that only counts, as the publisher's streaming path does. */
    public static final class Child {

        public static void main(String[] args) throws IOException {
            FileIngestor ingestor = new FileIngestor(MappingRules.bundled(), IngestLimits.defaults(), Clock.systemUTC());
            long[] sunk = {0, 0};
            IngestedFile file = ingestor.ingest(Path.of(args[0]), Path.of(args[1]), new IngestSink() {
                @Override
                public void run(BenchmarkRun run) {
                    sunk[0]++;
                }

                @Override
                public void deadLetter(DeadLetter deadLetter) {
                    sunk[1]++;
                }

                @Override
                public void discard() {
                    sunk[0] = 0;
                    sunk[1] = 0;
                }
            }, sha -> false);
            FileStatus status = file.file().getStatus();
            System.out.println("status=" + status + " runs=" + file.file().getRunCount() + " sunk=" + sunk[0]
                    + " deadLetters=" + (sunk[1] + file.deadLetters().size()) + " reason="
                    + file.file().getStatusReason() + " models=" + List.copyOf(file.file().getModels()));
        }
    }
}
