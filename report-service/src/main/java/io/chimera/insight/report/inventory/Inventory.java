package io.chimera.insight.report.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The source files of one report: every path of the aggregate, with what the file catalog knows of
 * it. A path the catalog does not know (its event not read yet, or expired from the topic) keeps
 * its type from the extension and no other facts.
 *
 * @param files    one entry per path of the aggregate, in its order
 * @param complete whether the catalog had read every file and dead-letter event committed before the
 *                 report was written
 */
public record Inventory(List<Entry> files, boolean complete) {

    /** A source path and, when known, its facts. */
    public record Entry(String path, Optional<FileFacts> facts) {

        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(facts, "facts");
        }

        /** The file type: the extension, lower case ({@code csv}, {@code json}, {@code md}); "(none)" without one. */
        public String type() {
            return FileType.of(path);
        }
    }

    public Inventory {
        files = List.copyOf(files);
    }

    /** The inventory of {@code paths} as the catalog knows them. */
    public static Inventory of(List<String> paths, FileCatalog catalog, boolean complete) {
        return new Inventory(paths.stream().map(path -> new Entry(path, catalog.facts(path))).toList(), complete);
    }

    /** Paths only, with no catalog: what a report knows from the aggregate alone. */
    public static Inventory ofPaths(List<String> paths) {
        return new Inventory(paths.stream().map(path -> new Entry(path, Optional.empty())).toList(), false);
    }

    /** Files per type, types sorted. */
    public Map<String, List<Entry>> byType() {
        Map<String, List<Entry>> types = new TreeMap<>();
        for (Entry entry : files) {
            types.computeIfAbsent(entry.type(), type -> new java.util.ArrayList<>()).add(entry);
        }
        return types;
    }

    /** The latest modification time among the files known. */
    public Optional<Instant> latestModified() {
        return latestModified(files);
    }

    public static Optional<Instant> latestModified(List<Entry> entries) {
        return entries.stream().flatMap(e -> e.facts().stream()).map(FileFacts::modifiedAt)
                .max(Instant::compareTo);
    }

    /** Dead letters of the known files, summed. */
    public int deadLetters() {
        return files.stream().flatMap(e -> e.facts().stream()).mapToInt(FileFacts::deadLetters).sum();
    }

    /** Values dropped from the published records of the known files, summed. */
    public int droppedValues() {
        return files.stream().flatMap(e -> e.facts().stream()).mapToInt(FileFacts::droppedValues).sum();
    }

    /** Whether every file's facts are known. */
    public boolean allKnown() {
        return files.stream().allMatch(e -> e.facts().isPresent());
    }
}
