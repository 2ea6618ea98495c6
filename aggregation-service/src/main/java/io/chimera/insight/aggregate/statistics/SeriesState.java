package io.chimera.insight.aggregate.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What change detection keeps per series beside its points: the configuration (for the events), how
 * far the history bound has trimmed it ({@link SeriesHistory#trimmedThrough()}), the changes
 * published for it, oldest first, and its recent retractions, oldest first (at most
 * {@link #RETRACTIONS_KEPT}: a report made after a later evaluation, or from a model-metrics refresh
 * between evaluations, still shows them).
 */
public record SeriesState(SortedMap<String, String> config, long trimmedThrough, List<EmittedChange> emitted,
                          List<RetractedChange> retracted) {

    /** Retractions kept per series, the newest: enough for the reports of a few weeks of replaced files. */
    public static final int RETRACTIONS_KEPT = 20;

    public SeriesState {
        config = new TreeMap<>(Objects.requireNonNull(config, "config"));
        emitted = List.copyOf(emitted);
        retracted = List.copyOf(retracted);
    }

    public static SeriesState first(Map<String, String> config) {
        return new SeriesState(new TreeMap<>(config), SeriesPoint.UNKNOWN, List.of(), List.of());
    }

    /**
     * The state after an evaluation that keeps {@code kept} as published and retracted
     * {@code retractedNow} at {@code now}. A kept change leaves the retractions: a change retracted
     * and later found again at the same first run (a file replaced back) has the same id, and is
     * standing, not retracted.
     */
    public SeriesState evaluated(long trimmed, List<EmittedChange> kept, List<EmittedChange> retractedNow, long now) {
        if (unchangedBy(trimmed, kept, retractedNow)) {
            // The common evaluation while runs stream in: the same state, so the caller's comparison
            // is one reference check, and no configuration map or list is copied.
            return this;
        }
        Set<String> standing = new HashSet<>();
        kept.forEach(change -> standing.add(change.firstRunId()));
        List<RetractedChange> recent = new ArrayList<>();
        for (RetractedChange old : retracted) {
            if (!standing.contains(old.change().firstRunId())) {
                recent.add(old);
            }
        }
        retractedNow.forEach(change -> recent.add(new RetractedChange(change, now)));
        recent.sort(Comparator.comparingLong(RetractedChange::retractedAt));
        if (recent.size() > RETRACTIONS_KEPT) {
            recent.subList(0, recent.size() - RETRACTIONS_KEPT).clear();
        }
        return new SeriesState(config, trimmed, kept, recent);
    }

    /**
     * Whether {@link #evaluated} would give a state equal to this one: the same bound, the very same
     * changes kept in the same order, nothing retracted now, and the recent retractions as they are
     * (none of them standing again, already in order and within {@link #RETRACTIONS_KEPT}).
     */
    private boolean unchangedBy(long trimmed, List<EmittedChange> kept, List<EmittedChange> retractedNow) {
        if (trimmed != trimmedThrough || !retractedNow.isEmpty() || kept.size() != emitted.size()) {
            return false;
        }
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i) != emitted.get(i)) {
                return false;
            }
        }
        if (retracted.size() > RETRACTIONS_KEPT) {
            return false;
        }
        for (int i = 0; i < retracted.size(); i++) {
            RetractedChange old = retracted.get(i);
            if (i > 0 && old.retractedAt() < retracted.get(i - 1).retractedAt()) {
                return false;
            }
            for (EmittedChange change : kept) {
                if (change.firstRunId().equals(old.change().firstRunId())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the series has nothing to keep besides points: no published change, no recent retraction. */
    public boolean holdsNoChanges() {
        return emitted.isEmpty() && retracted.isEmpty();
    }
}
