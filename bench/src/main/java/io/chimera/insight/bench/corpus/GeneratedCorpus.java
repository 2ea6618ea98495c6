package io.chimera.insight.bench.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator wrote under {@code root}: every file with the runs a correct ingest finds in
 * it, so the bench knows what to wait for and a test can check ingest against it.
 */
public record GeneratedCorpus(Path root, List<GeneratedFile> files) {

    public GeneratedCorpus {
        files = List.copyOf(files);
    }

    public int runs() {
        return files.stream().mapToInt(GeneratedFile::runs).sum();
    }

    public int failedRuns() {
        return files.stream().mapToInt(GeneratedFile::failedRuns).sum();
    }

    public long badFiles() {
        return files.stream().filter(GeneratedFile::bad).count();
    }

    /** Runs per model, for the models that have any. */
    public Map<String, Long> runsByModel() {
        Map<String, Long> byModel = new TreeMap<>();
        for (GeneratedFile file : files) {
            if (file.runs() > 0) {
                byModel.merge(file.model(), (long) file.runs(), Long::sum);
            }
        }
        return byModel;
    }

    /** Total size on disk. */
    public long bytes() {
        long total = 0;
        for (GeneratedFile file : files) {
            try {
                total += Files.size(file.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
