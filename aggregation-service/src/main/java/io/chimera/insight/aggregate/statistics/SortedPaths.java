package io.chimera.insight.aggregate.statistics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A growing set of file paths that is listed in order often: a model's or a configuration's files,
 * which every record made of it lists ({@code ModelMetrics.files}, {@code ConfigStats.files}).
 * A {@code TreeSet} did both jobs, but copying it into a record walks its tree node by node, which
 * was a third of an emission's time with a few hundred files a configuration (profiled). Here a
 * hash set answers "seen?" for each run, the paths come in order from an array, and the paths added
 * since the last listing are sorted and merged in once, when it is next listed.
 *
 * <p>Not thread-safe.
 */
final class SortedPaths {

    private final Set<String> known = new HashSet<>();
    private List<String> sorted = new ArrayList<>();
    private final List<String> added = new ArrayList<>();

    /** Adds {@code path}; whether it was new. */
    boolean add(String path) {
        if (!known.add(path)) {
            return false;
        }
        added.add(path);
        return true;
    }

    int size() {
        return known.size();
    }

    /** The paths in their natural order ({@link String#compareTo}), as a new list the caller may keep. */
    List<String> toList() {
        if (!added.isEmpty()) {
            added.sort(null);
            List<String> merged = new ArrayList<>(sorted.size() + added.size());
            int i = 0;
            int j = 0;
            while (i < sorted.size() || j < added.size()) {
                if (j == added.size() || (i < sorted.size() && sorted.get(i).compareTo(added.get(j)) < 0)) {
                    merged.add(sorted.get(i++));
                } else {
                    merged.add(added.get(j++));
                }
            }
            sorted = merged;
            added.clear();
        }
        return new ArrayList<>(sorted);
    }
}
