package io.chimera.insight.bench.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One large CSV of plain rows, the shape of the file that exhausted the heap in issue 13 (1.1 million
 * rows in 32 MB, about 29 bytes a row): a model column and two metrics,
 * {@code model,tokens_per_s,ttft_ms}, a few models in turn. Deterministic per seed.
 */
public final class PlainCsv {

    static final String HEADER = "model,tokens_per_s,ttft_ms\n";
    private static final String[] MODELS = {"llama3.1-8b-q4", "qwen2.5-7b-q8", "gemma2-9b-q4k", "phi3-mini-f16"};

    private PlainCsv() {
    }

    /** What was written: the file, its size and its runs (one per row). */
    public record Written(Path path, long bytes, long rows) {
    }

    /** Writes rows to {@code file} until it holds at least {@code bytes} bytes. */
    public static Written write(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long written = HEADER.length();
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            while (written < bytes) {
                String row = String.format(Locale.ROOT, "%s,%.3f,%.2f\n", MODELS[(int) (rows % MODELS.length)],
                        20 + random.nextDouble() * 80, 50 + random.nextDouble() * 400);
                out.write(row);
                written += row.length();
                rows++;
            }
        }
        return new Written(file, Files.size(file), rows);
    }
}
