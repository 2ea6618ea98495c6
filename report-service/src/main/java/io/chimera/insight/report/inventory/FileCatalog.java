package io.chimera.insight.report.inventory;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import java.util.ArrayList;
import java.util.Comparator;
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
 * dead-letters what it cannot use, so a replaced version's dead letters stop counting. A dead letter
 * whose source is no known file (a record a service could not use, a file with no file event read)
 * always counts.
 */
public final class FileCatalog {

    /** Newest first; the same instant ordered by id, so every reader lists them alike. */
    private static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::getAt)
            .reversed().thenComparing(DeadLetter::getId);

    private final Map<String, BenchmarkFile> latest = new HashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new HashMap<>();
    private long changes;

    public void add(BenchmarkFile file) {
        latest.merge(file.getPath(), file,
                (known, incoming) -> incoming.getIngestedAt().isBefore(known.getIngestedAt()) ? known : incoming);
        changes++;
    }

    public void add(DeadLetter letter) {
        deadLetters.computeIfAbsent(letter.getSource(), source -> new ArrayList<>()).add(letter);
        changes++;
    }

    /** What is known of {@code path}; empty when no file event for it was read. */
    public Optional<FileFacts> facts(String path) {
        BenchmarkFile file = latest.get(path);
        if (file == null) {
            return Optional.empty();
        }
        int letters = (int) deadLetters.getOrDefault(path, List.of()).stream().filter(this::current).count();
        return Optional.of(new FileFacts(path, file.getFormat().name(), file.getSizeBytes(), file.getModifiedAt(),
                file.getIngestedAt(), file.getStatus().name(), file.getRunCount(), file.getFailedRunCount(), letters,
                file.getDroppedValues()));
    }

    /** The dead letters that still count (none of a replaced file version), newest first. */
    public List<DeadLetter> currentDeadLetters() {
        return deadLetters.values().stream().flatMap(List::stream).filter(this::current).sorted(NEWEST_FIRST)
                .toList();
    }

    /** How many dead letters belong to file versions replaced since. */
    public int supersededDeadLetters() {
        return (int) deadLetters.values().stream().flatMap(List::stream).filter(letter -> !current(letter)).count();
    }

    private boolean current(DeadLetter letter) {
        BenchmarkFile file = latest.get(letter.getSource());
        return file == null || !letter.getAt().isBefore(file.getIngestedAt());
    }

    /** Files known. */
    public int size() {
        return latest.size();
    }

    /** Grows with every event added: equal counts mean nothing was added in between. */
    public long changes() {
        return changes;
    }
}
