package io.chimera.insight.report.inventory;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest version of every benchmark file and the dead letters written for it, as read from the
 * {@code benchmark-files} and {@code dead-letters} topics. Not thread-safe: one reader feeds it and
 * reads it.
 *
 * <p>A dead letter belongs to a file when its source is the file's path. It belongs to the latest
 * version when it was written no earlier than that version was read: ingest reads a file, then
 * dead-letters what it cannot use, so a replaced version's dead letters stop counting.
 */
public final class FileCatalog {

    private final Map<String, BenchmarkFile> latest = new HashMap<>();
    private final Map<String, List<Instant>> deadLetters = new HashMap<>();

    public void add(BenchmarkFile file) {
        latest.merge(file.getPath(), file,
                (known, incoming) -> incoming.getIngestedAt().isBefore(known.getIngestedAt()) ? known : incoming);
    }

    public void add(DeadLetter letter) {
        deadLetters.computeIfAbsent(letter.getSource(), source -> new ArrayList<>()).add(letter.getAt());
    }

    /** What is known of {@code path}; empty when no file event for it was read. */
    public Optional<FileFacts> facts(String path) {
        BenchmarkFile file = latest.get(path);
        if (file == null) {
            return Optional.empty();
        }
        int letters = (int) deadLetters.getOrDefault(path, List.of()).stream()
                .filter(at -> !at.isBefore(file.getIngestedAt()))
                .count();
        return Optional.of(new FileFacts(path, file.getFormat().name(), file.getSizeBytes(), file.getModifiedAt(),
                file.getIngestedAt(), file.getStatus().name(), file.getRunCount(), file.getFailedRunCount(), letters,
                file.getDroppedValues()));
    }

    /** Files known. */
    public int size() {
        return latest.size();
    }
}
