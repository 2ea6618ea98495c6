package io.chimera.insight.aggregate.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A growing set of file paths that is listed in order often: a model's or a configuration's files,
 * which every record made of it lists ({@code ModelMetrics.files}, {@code ConfigStats.files}).
 * A {@code TreeSet} did both jobs, but copying it into a record walks its tree node by node, which
 * was a third of an emission's time with a few hundred files a configuration (profiled). Here a
 * hash set answers "seen?" for each run, the listing is a list kept from the last time, shared by
 * the records (it never changes), and the paths added since are sorted and merged in once, when it
 * is next listed: copies of whole runs of the old list, not a walk comparing every path.
 *
 * <p>Until a second path comes it holds the one path alone, listed, with no set: most of a sweep's
 * configurations are seen in one file, and the set's table, node and lists were about 250 bytes of each
 * configuration a model holds for good (docs/benchmarks.md, "20,000 configurations").
 *
 * <p>Not thread-safe.
 */
final class SortedPaths {

    /** Every path added; null while there is at most one ({@link #listed} then holds it). */
    private Set<String> known;
    private List<String> listed = List.of();
    /** Paths added since the last listing; null while there is at most one path. */
    private List<String> added;

    /** Adds {@code path}; whether it was new. */
    boolean add(String path) {
        if (known == null) {
            if (listed.isEmpty()) {
                listed = List.of(path);
                return true;
            }
            if (listed.get(0).equals(path)) {
                return false;
            }
            known = new HashSet<>(listed);
            added = new ArrayList<>();
        }
        if (!known.add(path)) {
            return false;
        }
        added.add(path);
        return true;
    }

    int size() {
        return known == null ? listed.size() : known.size();
    }

    /**
     * The paths in their natural order ({@link String#compareTo}): a list that does not change (a later
     * listing with new paths is a new list) and cannot be changed, so records can share it.
     */
    List<String> toList() {
        if (added != null && !added.isEmpty()) {
            added.sort(null);
            List<String> merged = new ArrayList<>(listed.size() + added.size());
            int from = 0;
            for (String path : added) {
                // Where it goes among the listed paths (never found: it is new); the run before it copied at once.
                int at = -Collections.binarySearch(listed, path) - 1;
                merged.addAll(listed.subList(from, at));
                merged.add(path);
                from = at;
            }
            merged.addAll(listed.subList(from, listed.size()));
            listed = Collections.unmodifiableList(merged);
            added.clear();
        }
        return listed;
    }
}
