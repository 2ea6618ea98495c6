package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.aggregate.memory.WeightedLru;
import java.util.function.Function;

/**
 * A stream task's cache of {@link RunningModel}s, within a memory budget: past it, the least
 * recently used models are dropped, and rebuilt from the store when next needed. The models
 * receiving runs at the same time should fit, or their emissions rebuild them from the store
 * again and again. A model weighs its configurations (their statistics, sketches as wide as their
 * bins, exact moments) and its sets of files, nothing per (file, config) entry: until it summed
 * exactly, it kept every entry's moments, about 1 KiB an entry, so that past about 19,000 files of
 * the bench's corpus (about 100,000 entries) the budget held 8 of 20 models and every emission
 * rebuilt its model from RocksDB (docs/benchmarks.md, the 50,000-file point). Since the cold/warm
 * split, the weight counts each sketch as large as its bins make it: it once counted 3 KiB per
 * sketch, which put the 2,000-file corpus past this budget too. (Rebuilding a model from the store
 * allocates all of its entries with their sketches, and throws them away again.)
 *
 * <p>Only the task's own thread touches it (the processor and its punctuators run there), and
 * nothing else may: interactive queries read the stores instead.
 */
public final class RunningAggregates {

    /** Budget per stream task, in {@link RunningModel#weight()} bytes. */
    public static final long DEFAULT_BUDGET_BYTES = 128L << 20;

    /**
     * Each cached model, counted at its {@link RunningModel#weight()} when it was last got. Models grow
     * between their gets (runs are folded in), so the sum lags behind by what they took since; each get
     * weighs its own model afresh, and a busy model is got at every emission. Weighing every model on
     * every get walks every sketch of every model, which cost more than the emissions it served
     * (profiled: most of a repeat's stream thread in the bench). A model weighs afresh only the
     * configurations that changed since it was last weighed ({@link RunningModel#weight()}). The model
     * got last stays even alone over the budget: it is the one being emitted.
     */
    private final WeightedLru<String, RunningModel> models;

    public RunningAggregates(long budgetBytes) {
        this.models = WeightedLru.keepingNewest(budgetBytes, RunningModel::weight);
    }

    /**
     * The model's running aggregate, built by {@code build} when it is not cached. Then drops the
     * least recently used other models while the cache is over its budget (models grow between
     * calls, run by run, so this is where the budget is kept).
     */
    public RunningModel get(String model, Function<String, RunningModel> build) {
        RunningModel running = models.get(model);
        if (running == null) {
            running = build.apply(model);
            models.put(model, running);
        } else {
            models.reweigh(model);
        }
        return running;
    }

    /**
     * Before the store adds {@code run} to {@code entry}: the model's running aggregate, if one is cached,
     * takes the entry's moments as they are ({@link RunningModel#before}); it is returned, to be handed to
     * {@link #added} once the store has taken the run, so a run looks the model up once.
     *
     * @return the model's running aggregate, or null when none is cached (then the next {@link #get} builds
     *         it from the store, run included)
     */
    public RunningModel adding(String model, RunValues run, ConfigAggregate entry) {
        RunningModel running = models.get(model);
        if (running != null) {
            running.before(run, entry);
        }
        return running;
    }

    /**
     * Folds a run the store has just taken into {@code running}, the model's running aggregate that
     * {@link #adding} returned for it (nothing when that was null). Should folding it fail half-way, the
     * model is discarded, and rebuilt from the store when next needed.
     */
    public void added(RunningModel running, String model, EntryKey key, String path, RunValues run,
                      ConfigAggregate entry) {
        if (running == null) {
            return;
        }
        try {
            running.add(key, path, run, entry);
        } catch (RuntimeException e) {
            // Half-applied: whatever happens to the exception, this copy must not be used again.
            discard(model);
            throw e;
        }
    }

    /** Forgets the model: entries were removed from the store, so it is rebuilt when next needed. */
    public void discard(String model) {
        models.remove(model);
    }

    /** Models cached now. */
    int size() {
        return models.size();
    }
}
