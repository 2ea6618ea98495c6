package io.chimera.insight.bench.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The detector's quality over noise × step: each step series and each stationary series is
 * replayed run by run ({@link PrefixReplay}). Every series has its own seed (the run's seed, the
 * cell's noise and step, and the series number), so the figures do not depend on the number of
 * threads, nor on which other cells are measured.
 */
final class ChangeQualityProbe {

    private final PrefixReplay replay;
    private final ChangeQualityOptions options;

    /** {@code replay} sees the last {@code options.window()} runs of each series. */
    ChangeQualityProbe(PrefixReplay replay, ChangeQualityOptions options) {
        this.replay = replay;
        this.options = options;
    }

    /**
     * The step series of one cell.
     *
     * @param delays          per series, -1 where the step was not found within {@code follow} runs
     * @param reportedAtLast  series whose step is still reported after the last of the {@code follow} runs
     */
    record StepCell(double cv, double step, int[] delays, int reportedAtLast) {
    }

    /** One step series replayed: its delay, and whether its step is still reported at the end. */
    private record StepOutcome(int delay, boolean reportedAtLast) {
    }

    /** Alarms over the stationary series of one noise level (see {@link PrefixReplay.Alarms}). */
    record StationaryCell(double cv, long runs, long alarms, long distinct) {
    }

    List<StepCell> steps(ExecutorService pool) throws InterruptedException, ExecutionException {
        List<StepCell> cells = new ArrayList<>();
        for (double cv : options.cvs()) {
            for (double step : options.steps()) {
                long cellSeed = cellSeed(cv, step);
                List<Future<StepOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < options.series(); i++) {
                    long seed = cellSeed * 7919L + i;
                    // Half the steps go up, half down: a regression and an improvement are found alike.
                    double signed = i % 2 == 0 ? step : -step;
                    outcomes.add(pool.submit(() -> {
                        double[] series = NoisySeries.withStep(new Random(seed), cv, options.history(), signed,
                                options.follow());
                        return new StepOutcome(
                                replay.delay(series, options.history(), options.tolerance(), options.follow()),
                                replay.reportedAfter(series, options.history(), options.tolerance(), options.follow()));
                    }));
                }
                int[] delays = new int[outcomes.size()];
                int reportedAtLast = 0;
                for (int i = 0; i < delays.length; i++) {
                    StepOutcome outcome = outcomes.get(i).get();
                    delays[i] = outcome.delay();
                    reportedAtLast += outcome.reportedAtLast() ? 1 : 0;
                }
                cells.add(new StepCell(cv, step, delays, reportedAtLast));
            }
        }
        return cells;
    }

    List<StationaryCell> stationary(ExecutorService pool) throws InterruptedException, ExecutionException {
        List<StationaryCell> cells = new ArrayList<>();
        for (double cv : options.cvs()) {
            long cellSeed = cellSeed(cv, 0);
            List<Future<PrefixReplay.Alarms>> alarms = new ArrayList<>();
            for (int i = 0; i < options.stationarySeries(); i++) {
                long seed = cellSeed * 7919L + i;
                alarms.add(pool.submit(() -> replay.alarms(
                        NoisySeries.stationary(new Random(seed), cv, options.stationaryRuns()))));
            }
            long total = 0;
            long distinct = 0;
            for (Future<PrefixReplay.Alarms> alarm : alarms) {
                total += alarm.get().appearances();
                distinct += alarm.get().distinct();
            }
            cells.add(new StationaryCell(cv, (long) options.stationarySeries() * options.stationaryRuns(), total,
                    distinct));
        }
        return cells;
    }

    /** From the noise and step themselves, so a cell's series stay the same when other cells are added. */
    private long cellSeed(double cv, double step) {
        return (options.seed() * 1_000_003L + Double.hashCode(cv)) * 31L + Double.hashCode(step);
    }

    static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "change-quality");
            thread.setDaemon(true);
            return thread;
        });
    }
}
