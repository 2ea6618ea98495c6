package io.chimera.insight.aggregate.topology;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link PlacedRuns} of the configurations evaluated lately, bounded: past {@link #BUDGET_RUNS}
 * runs held over every configuration, the least recently evaluated go (their next evaluation places
 * every run again, as before). Nothing here needs to follow the stores: each {@code PlacedRuns} checks
 * its input at every use. Only the task's own thread touches it.
 */
final class PlacedConfigs {

    /** Runs held over every configuration: about 150 bytes each (the place, the slot, the map entry), so about 5 MiB. */
    static final int BUDGET_RUNS = 32_768;

    private record ConfigRef(String model, String configKey) {
    }

    /** Configuration to its placed runs, in access order: the first is the least recently used. */
    private final Map<ConfigRef, PlacedRuns> placed = new LinkedHashMap<>(64, 0.75f, true);
    private final int budgetRuns;
    private long held;

    PlacedConfigs(int budgetRuns) {
        if (budgetRuns < 1) {
            throw new IllegalArgumentException("budgetRuns must be positive, was " + budgetRuns);
        }
        this.budgetRuns = budgetRuns;
    }

    /** The configuration's placed runs (empty when not held), to be given back with {@link #used} after use. */
    PlacedRuns of(String model, String configKey) {
        PlacedRuns runs = placed.get(new ConfigRef(model, configKey));
        if (runs == null) {
            runs = new PlacedRuns();
            placed.put(new ConfigRef(model, configKey), runs);
        }
        return runs;
    }

    /** The configuration's placed runs were used, and held {@code before} runs before: counts them, and evicts past the budget. */
    void used(PlacedRuns runs, int before) {
        held += runs.size() - before;
        Iterator<PlacedRuns> leastRecent = placed.values().iterator();
        while (held > budgetRuns && leastRecent.hasNext()) {
            PlacedRuns evicted = leastRecent.next();
            if (evicted == runs) {
                // The one just used stays, even alone over the budget: it is the next evaluation's.
                continue;
            }
            held -= evicted.size();
            leastRecent.remove();
        }
    }

    /** Runs held now, over every configuration. */
    long size() {
        return held;
    }

    /** Whether the configuration's runs are held. */
    boolean holds(String model, String configKey) {
        return placed.containsKey(new ConfigRef(model, configKey));
    }
}
