package io.chimera.insight.aggregate.statistics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run points of one file version in one configuration of a model, by run id: what change
 * detection keeps per (model, configuration, file), one store entry rewritten as the file's runs
 * arrive. The runs of a file arrive together (a file is ingested whole, in one transaction or a few),
 * so within a commit the entry is rewritten in Streams' record cache and reaches RocksDB and the
 * changelog once, where one entry per run cost a changelogged write per run (docs/benchmarks.md,
 * "Change detection's cost").
 *
 * @param byRun run id to the run's point, in the order the runs were added
 */
public record FilePoints(Map<String, RunPoint> byRun) {

    /**
     * The run id under which a point read in the earlier format (one entry per run, the run id in the
     * entry's key) is returned: the reader takes the id from the key.
     */
    public static final String ID_IN_KEY = "";

    public FilePoints {
        Objects.requireNonNull(byRun, "byRun");
        byRun = Collections.unmodifiableMap(new LinkedHashMap<>(byRun));
    }

    /** A point read in the earlier, one-entry-per-run format (see {@link #ID_IN_KEY}). */
    public static FilePoints earlier(RunPoint point) {
        return new FilePoints(Map.of(ID_IN_KEY, point));
    }
}
