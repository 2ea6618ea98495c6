package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.memory.WeightedLru;

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

    /**
     * Configuration to its placed runs, weighing the runs they hold. The one just used stays, even alone
     * over the budget: it is the next evaluation's.
     */
    private final WeightedLru<ConfigRef, PlacedRuns> placed;
    /** The configuration {@link #of} gave last: {@link #used} weighs it again. */
    private ConfigRef given;

    PlacedConfigs(int budgetRuns) {
        this.placed = WeightedLru.keepingNewest(budgetRuns, PlacedRuns::size);
    }

    /** The configuration's placed runs (empty when not held), to be given back with {@link #used} after use. */
    PlacedRuns of(String model, String configKey) {
        ConfigRef ref = new ConfigRef(model, configKey);
        PlacedRuns runs = placed.get(ref);
        if (runs == null) {
            runs = new PlacedRuns();
            placed.putOverBudget(ref, runs);
        }
        given = ref;
        return runs;
    }

    /**
     * The configuration's placed runs, as {@link #of} gave them last, were used: weighs them again, and
     * evicts past the budget (each configuration is counted at its last weighing).
     */
    void used(PlacedRuns runs) {
        if (given != null && placed.get(given) == runs) {
            placed.reweigh(given);
        }
    }

    /** Runs held now, over every configuration. */
    long size() {
        return placed.weight();
    }

    /** Whether the configuration's runs are held. */
    boolean holds(String model, String configKey) {
        return placed.containsKey(new ConfigRef(model, configKey));
    }
}
