package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.MetricStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits a model's successful runs into cold and warm ({@link ColdStartRule}), from the per-load-bin
 * statistics of the aggregate ({@link ConfigAggregate#loadSplit()}).
 *
 * <p>Every step is a function of integer bin counts, so the split is the same whatever the order in
 * which runs and files arrived, and however the work was shared: the model's median and MAD are
 * taken over its runs' bins (each run standing at its bin's centre, so they are within 10 % of the
 * exact ones), the threshold follows from them, and a bin whose centre lies above the threshold is
 * cold with all of its runs. The figures of each side are merges of whole bins: counts, min, max and
 * sketches exactly, mean and M2 from the exact moments of the cells' entries ({@link ExactMoments}),
 * summed here, so that they too are the same whatever the order.
 *
 * <p>Limits: the threshold moves as runs arrive (it is the whole model's), so a run's class can change
 * until the sweep is complete; a load within 19 % of the threshold (one bin) may fall either side;
 * while half or more of the runs are cold, the median is a cold load and nothing is called cold.
 */
final class ColdStartSplit {

    private final ColdStartRule rule;
    private final long loadRuns;
    private final double medianMs;
    private final double madMs;
    private final double thresholdMs;

    private ColdStartSplit(ColdStartRule rule, long loadRuns, double medianMs, double madMs) {
        this.rule = rule;
        this.loadRuns = loadRuns;
        this.medianMs = medianMs;
        this.madMs = madMs;
        this.thresholdMs = rule.thresholdMs(medianMs, madMs);
    }

    /** The split decided by the model's own bins, {@code overall.loadSplit()}. */
    static ColdStartSplit of(ColdStartRule rule, SortedMap<LoadBinMetric, StatsAccumulator> overall) {
        SortedMap<Double, Long> byCentre = new TreeMap<>();
        long runs = 0;
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : overall.entrySet()) {
            if (cell.getKey().metric().equals(LoadBins.LOAD)) {
                long count = cell.getValue().count();
                byCentre.merge(LoadBins.centre(cell.getKey().bin()), count, Long::sum);
                runs += count;
            }
        }
        if (runs == 0) {
            return new ColdStartSplit(rule, 0, 0, 0);
        }
        double median = weightedMedian(byCentre);
        SortedMap<Double, Long> deviations = new TreeMap<>();
        byCentre.forEach((centre, count) -> deviations.merge(Math.abs(centre - median), count, Long::sum));
        return new ColdStartSplit(rule, runs, median, weightedMedian(deviations));
    }

    /** The median of values with counts: the middle one, or the mean of the two middle ones. */
    static double weightedMedian(SortedMap<Double, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long lowRank = (total + 1) / 2;
        long highRank = total / 2 + 1;
        double low = Double.NaN;
        long seen = 0;
        for (Map.Entry<Double, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (Double.isNaN(low) && seen >= lowRank) {
                low = entry.getKey();
            }
            if (seen >= highRank) {
                return (low + entry.getKey()) / 2;
            }
        }
        return low;
    }

    boolean classified() {
        return loadRuns > 0;
    }

    /** The load duration above which a bin is cold; NaN when no run reports one. */
    double thresholdMs() {
        return classified() ? thresholdMs : Double.NaN;
    }

    /** The bin {@link #cold} last decided, and what: cells come in bin order, each metric of a bin in turn. */
    private int lastBin;
    private boolean lastCold;
    private boolean lastKnown;

    /**
     * Whether the runs of {@code bin} are cold. Its centre is a {@link Math#pow}, and a snapshot asked it of
     * every cell of a configuration's split, several times (a twentieth of an emission's samples, profiled):
     * the last bin's answer is kept, the same function of the bin.
     */
    private boolean cold(int bin) {
        if (!lastKnown || bin != lastBin) {
            lastCold = LoadBins.centre(bin) > thresholdMs;
            lastBin = bin;
            lastKnown = true;
        }
        return lastCold;
    }

    /**
     * Whether {@code split} (a configuration's) has the same cold and warm cells under this split as
     * under one whose {@link #thresholdMs()} was {@code otherThresholdMs}: then everything this class
     * derives from it ({@link #configSides}, {@link #side}) is the same under both. A threshold moves with
     * every model's runs, but a configuration's few bins rarely lie between its old and new value, so
     * its snapshot can be kept (see {@code RunningModel.Config#snapshot}). Unclassified on either side,
     * only the same state counts as the same.
     */
    boolean sameSides(SortedMap<LoadBinMetric, StatsAccumulator> split, double otherThresholdMs) {
        double mine = thresholdMs();
        if (Double.compare(mine, otherThresholdMs) == 0) {
            return true;
        }
        if (Double.isNaN(mine) || Double.isNaN(otherThresholdMs)) {
            return false;
        }
        for (LoadBinMetric cell : split.keySet()) {
            double centre = LoadBins.centre(cell.bin());
            if ((centre > mine) != (centre > otherThresholdMs)) {
                return false;
            }
        }
        return true;
    }

    /** Runs of {@code split} (the model's) that are cold, or warm. */
    private long runs(SortedMap<LoadBinMetric, StatsAccumulator> split, boolean cold) {
        long runs = 0;
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : split.entrySet()) {
            if (cell.getKey().metric().equals(LoadBins.LOAD) && cold(cell.getKey().bin()) == cold) {
                runs += cell.getValue().count();
            }
        }
        return runs;
    }

    /**
     * The split metrics over the cold or the warm runs of {@code split}, by canonical name;
     * {@code moments} holds the merged moments of each of its cells.
     *
     * @param previous the same side as made for the same configuration or model at an earlier emission,
     *                 under a threshold with the same sides ({@link #sameSides}), or null: a metric whose
     *                 cells on this side hold as many values as its figures there count is unchanged since
     *                 (values are only ever added to a running model's cells, and an added value changes a
     *                 count), so its figures are taken as they are instead of merged and worked out again
     */
    Map<String, MetricStats> side(SortedMap<LoadBinMetric, StatsAccumulator> split, MomentTotals moments,
                                  boolean cold, Map<String, MetricStats> previous) {
        // The split's own order is bin, then metric: each metric's cells come in bin order. The cells are
        // kept with their statistics, which a lookup in the split by key found again before.
        Map<MetricKey, List<Map.Entry<LoadBinMetric, StatsAccumulator>>> cells = new TreeMap<>();
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : split.entrySet()) {
            if (cold(cell.getKey().bin()) == cold) {
                cells.computeIfAbsent(cell.getKey().metric(), m -> new ArrayList<>(2)).add(cell);
            }
        }
        return figures(cells, moments, previous, Map.of());
    }

    /**
     * A configuration's cold runs and warm side ({@link #side}, made afresh), from one walk
     * of its split, where a snapshot walked it once for each (the count's walk was a twentieth of an
     * emission's samples, profiled).
     *
     * @param whole the configuration's own figures of each metric, over all of its runs: a metric whose every
     *              value lies in a warm cell has the warm side's values, so its warm figures are those with the
     *              warm cells' moments ({@link StatsAccumulator#withMoments}), without merging the cells
     */
    ConfigSides configSides(SortedMap<LoadBinMetric, StatsAccumulator> split, MomentTotals moments,
                            Map<MetricKey, MetricStats> whole) {
        Map<MetricKey, List<Map.Entry<LoadBinMetric, StatsAccumulator>>> warm = new TreeMap<>();
        long coldRuns = 0;
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : split.entrySet()) {
            if (!cold(cell.getKey().bin())) {
                warm.computeIfAbsent(cell.getKey().metric(), m -> new ArrayList<>(2)).add(cell);
            } else if (cell.getKey().metric().equals(LoadBins.LOAD)) {
                coldRuns += cell.getValue().count();
            }
        }
        return new ConfigSides(coldRuns, figures(warm, moments, null, whole));
    }

    /** A configuration's cold runs and the figures of its warm side, by canonical name. */
    record ConfigSides(long coldRuns, Map<String, MetricStats> warm) {
    }

    /**
     * The figures of each metric of {@code cells} (a side's cells, each metric's in bin order), by canonical name;
     * {@code whole} holds figures of each metric over all of its values, where known.
     */
    private static Map<String, MetricStats> figures(
            Map<MetricKey, List<Map.Entry<LoadBinMetric, StatsAccumulator>>> cells, MomentTotals moments,
            Map<String, MetricStats> previous, Map<MetricKey, MetricStats> whole) {
        List<MetricKey> order = new ArrayList<>(cells.keySet());
        order.sort(Comparator.comparing(MetricKey::name));
        Map<String, MetricStats> byName = new LinkedHashMap<>();
        for (MetricKey metric : order) {
            byName.put(metric.name(), side(metric, cells.get(metric), moments,
                    previous == null ? null : previous.get(metric.name()), whole.get(metric)));
        }
        return byName;
    }

    /**
     * One metric's figures over {@code cells}, its cells on one side with their statistics.
     *
     * @param whole the metric's figures over all of its values (null if unknown): when the cells hold as many
     *              values, they hold them all (every value in a cell is one of them), so the figures that depend
     *              on the values alone (count, min, max, percentiles, sketch) are these; only the mean and M2
     *              are the cells', whose entries' moments sum to the last bit what the whole's entries' may not
     */
    private static MetricStats side(MetricKey metric, List<Map.Entry<LoadBinMetric, StatsAccumulator>> cells,
                                    MomentTotals moments, MetricStats previous, MetricStats whole) {
        if (previous != null || whole != null) {
            long values = 0;
            for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : cells) {
                values += cell.getValue().count();
            }
            if (previous != null && values == previous.getCount()) {
                return previous;
            }
            if (whole != null && values == whole.getCount()) {
                return StatsAccumulator.withMoments(whole, momentsOf(cells, moments));
            }
        }
        if (cells.size() == 1) {
            // One cell: its own figures are those of a merge of it alone (the same bins, min, max and exact
            // moments), without the merge's copy of its sketch.
            return cells.get(0).getValue().toStats(momentsOf(cells, moments));
        }
        // Values first, as the cells mostly are: a side of a few runs then keeps their values, whose snapshot
        // needs no sketch made (StatsAccumulator#toStats), where a sketch-first one grew a store for them.
        // The same figures either way (StatsAccumulator#valuesFirst).
        StatsAccumulator merged = StatsAccumulator.valuesFirst(metric.unit());
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : cells) {
            merged.merge(cell.getValue());
        }
        return merged.toStats(momentsOf(cells, moments));
    }

    /** The moments of {@code cells} together: one cell's own, or its entries' summed exactly. */
    private static Moments momentsOf(List<Map.Entry<LoadBinMetric, StatsAccumulator>> cells, MomentTotals moments) {
        if (cells.size() == 1) {
            ExactMoments cellMoments = moments.get(cells.get(0).getKey());
            return cellMoments == null ? Moments.empty() : cellMoments.moments();
        }
        ExactMoments merged = new ExactMoments();
        for (Map.Entry<LoadBinMetric, StatsAccumulator> cell : cells) {
            ExactMoments cellMoments = moments.get(cell.getKey());
            if (cellMoments != null) {
                merged.add(cellMoments);
            }
        }
        return merged.moments();
    }

    /** The model's record: counts, rule, threshold and both sides. */
    ColdStart toColdStart(ConfigAggregate overall, MomentTotals moments, ColdStart previous) {
        long successful = overall.runs() - overall.failedRuns();
        SortedMap<LoadBinMetric, StatsAccumulator> split = overall.loadSplit();
        ColdStart.Builder record = ColdStart.newBuilder()
                .setRule(rule.describe())
                .setUnclassifiedRuns(successful - loadRuns);
        if (!classified()) {
            return record.setStatus(ColdStartStatus.NO_LOAD_DURATION).build();
        }
        return record.setStatus(ColdStartStatus.CLASSIFIED)
                .setLoadMedianMs(medianMs)
                .setLoadMadMs(madMs)
                .setThresholdMs(thresholdMs)
                .setColdRuns(runs(split, true))
                .setWarmRuns(runs(split, false))
                .setCold(side(split, moments, true, previous == null ? null : previous.getCold()))
                .setWarm(side(split, moments, false, previous == null ? null : previous.getWarm()))
                .build();
    }
}
