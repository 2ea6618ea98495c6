package io.chimera.insight.aggregate.statistics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What change detection keeps per series beside its points: the configuration (for the events), how
 * far the history bound has trimmed it ({@link SeriesHistory#trimmedThrough()}), and the changes
 * published for it, oldest first.
 */
public record SeriesState(SortedMap<String, String> config, long trimmedThrough, List<EmittedChange> emitted) {

    public SeriesState {
        config = new TreeMap<>(Objects.requireNonNull(config, "config"));
        emitted = List.copyOf(emitted);
    }

    public static SeriesState first(Map<String, String> config) {
        return new SeriesState(new TreeMap<>(config), SeriesPoint.UNKNOWN, List.of());
    }

    public SeriesState evaluated(long trimmed, List<EmittedChange> kept) {
        return new SeriesState(config, trimmed, kept);
    }
}
