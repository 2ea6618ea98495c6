package io.chimera.insight.platform.change;

import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reading {@code performance-changes} events and the {@code ModelChanges} an aggregate carries, the
 * same way in every reader (query API, report, prompt).
 */
public final class PerformanceChanges {

    /**
     * Newest first (by the time of the first run after the change); ties (one run changing both
     * headline metrics) by metric, then configuration.
     */
    public static final Comparator<PerformanceChange> NEWEST_FIRST = Comparator
            .comparing(PerformanceChange::getFirstRunAt).reversed()
            .thenComparing(PerformanceChange::getMetric)
            .thenComparing(PerformanceChange::getConfigKey);

    private PerformanceChanges() {
    }

    /**
     * The changes that stand, newest first: the standing ones less any whose id a retraction names.
     * The aggregation never lists a retracted change as standing; a reader does not take that on trust,
     * because a retracted change shown as standing is the one mistake a reader of a report cannot see.
     */
    public static List<PerformanceChange> standing(ModelChanges changes) {
        if (changes == null) {
            return List.of();
        }
        Set<String> retracted = changes.getRetracted().stream().map(PerformanceChange::getChangeId)
                .collect(Collectors.toSet());
        return changes.getStanding().stream()
                .filter(change -> !retracted.contains(change.getChangeId()))
                .sorted(NEWEST_FIRST)
                .toList();
    }
}
