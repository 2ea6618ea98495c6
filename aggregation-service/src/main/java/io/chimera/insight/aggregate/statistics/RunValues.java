package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import java.util.Arrays;
import java.util.Map;

/**
 * What one run adds to an aggregate, read from the run once: its metrics as keys and values, and
 * the cells of the cold/warm split it feeds ({@link LoadBins}). A run goes into three aggregates
 * (its (file, config) entry, and its model's configuration and overall, see {@link RunningModel}),
 * and each used to read the run's map of metrics again, building a key per metric and looking it
 * up by hash. The keys here come from one {@link MetricKeys} per task, so the same metric is the
 * same key object in every run, and an aggregate that saw the run's keys before reuses the
 * accumulators it found for them ({@link ConfigAggregate#add(RunValues)}) without a lookup.
 */
public final class RunValues {

    private static final MetricKey[] NO_METRICS = new MetricKey[0];
    private static final LoadBinMetric[] NO_CELLS = new LoadBinMetric[0];
    private static final double[] NO_VALUES = new double[0];

    final long ingestedAt;
    final boolean summary;
    final boolean ok;
    /** The run's metrics, in the order of its map; {@link MetricKeys}' shared keys. */
    final MetricKey[] metrics;
    final double[] metricValues;
    /** The cells of the cold/warm split the run feeds (none when it reports no load duration in ms). */
    final LoadBinMetric[] cells;
    final double[] cellValues;

    private RunValues(long ingestedAt, boolean summary, boolean ok, MetricKey[] metrics, double[] metricValues,
                      LoadBinMetric[] cells, double[] cellValues) {
        this.ingestedAt = ingestedAt;
        this.summary = summary;
        this.ok = ok;
        this.metrics = metrics;
        this.metricValues = metricValues;
        this.cells = cells;
        this.cellValues = cellValues;
    }

    /** {@code run}'s values, its keys taken from {@code keys}. */
    public static RunValues of(BenchmarkRun run, MetricKeys keys) {
        long ingestedAt = run.getIngestedAt().toEpochMilli();
        boolean summary = run.getKind() == RecordKind.SUMMARY;
        if (summary || !run.getOk()) {
            return new RunValues(ingestedAt, summary, run.getOk(), NO_METRICS, NO_VALUES, NO_CELLS, NO_VALUES);
        }
        Map<String, Metric> values = run.getMetrics();
        int size = values.size();
        SharedKeys shared = new SharedKeys(keys.lastMetrics, size);
        double[] metricValues = new double[size];
        if (values instanceof RunMetrics positional) {
            // Decoded by the aggregation's own reader: the names and units by position, no entry or Metric per metric.
            for (int i = 0; i < size; i++) {
                shared.set(i, keys.of(i, positional.name(i), positional.unit(i)));
                metricValues[i] = positional.value(i);
            }
        } else {
            int i = 0;
            for (Map.Entry<String, Metric> entry : values.entrySet()) {
                Metric metric = entry.getValue();
                shared.set(i, keys.of(i, entry.getKey(), metric.getUnit()));
                metricValues[i++] = metric.getValue();
            }
        }
        MetricKey[] metrics = shared.keys;
        keys.lastMetrics = metrics;
        // The split as ConfigAggregate always took it: the metric named load_duration_ms decides the bin
        // if its unit is ms; each split metric counts if it is there in its canonical unit. A run's map
        // has one value per name, so comparing the (shared) keys finds exactly those.
        int load = -1;
        // The task's scratch arrays (a run is read at a time), not two arrays per run: see MetricKeys.
        double[] split = keys.splitValues;
        boolean[] inSplit = keys.inSplit;
        Arrays.fill(inSplit, false);
        for (int i = 0; i < metrics.length; i++) {
            MetricKey key = metrics[i];
            if (key == LoadBins.LOAD) {
                load = i;
            }
            for (int s = 0; s < split.length; s++) {
                if (LoadBins.SPLIT.get(s) == key) {
                    split[s] = metricValues[i];
                    inSplit[s] = true;
                }
            }
        }
        if (load < 0) {
            return new RunValues(ingestedAt, false, true, metrics, metricValues, NO_CELLS, NO_VALUES);
        }
        LoadBinMetric[] binCells = keys.cells(LoadBins.bin(metricValues[load]));
        int present = 0;
        for (boolean in : inSplit) {
            present += in ? 1 : 0;
        }
        LoadBinMetric[] cells = present == binCells.length ? binCells : new LoadBinMetric[present];
        double[] cellValues = new double[present];
        for (int s = 0, c = 0; s < split.length; s++) {
            if (inSplit[s]) {
                cells[c] = binCells[s];
                cellValues[c++] = split[s];
            }
        }
        return new RunValues(ingestedAt, false, true, metrics, metricValues, cells, cellValues);
    }


    /**
     * A run's keys in the array of the run before when they are the same keys in the same order (a rig's runs
     * list the same metrics): then every aggregate the run goes into finds the keys it kept with one comparison
     * of references ({@link #sameKeys}), where a new array per run made each of the five (the entry, the
     * configuration's and the model's accumulators and exact moments) compare the keys one by one, and the
     * array is not made. A new array, from the first key that differs. Arrays of keys are never written to
     * once read (the aggregates keep them as the keys of their slots), so sharing one is safe.
     */
    private static final class SharedKeys {
        private final MetricKey[] before;
        private MetricKey[] keys;

        SharedKeys(MetricKey[] before, int size) {
            this.before = before != null && before.length == size ? before : null;
            this.keys = this.before != null ? this.before : new MetricKey[size];
        }

        void set(int i, MetricKey key) {
            if (keys == before) {
                if (before[i] == key) {
                    return;
                }
                keys = Arrays.copyOf(before, before.length);
            }
            keys[i] = key;
        }
    }

    /** Whether {@code keys} are the same key objects as {@code known}, in the same order (null: none known). */
    static boolean sameKeys(MomentKey[] keys, MomentKey[] known) {
        if (keys == known) {
            return true;
        }
        if (known == null || keys.length != known.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != known[i]) {
                return false;
            }
        }
        return true;
    }
}
