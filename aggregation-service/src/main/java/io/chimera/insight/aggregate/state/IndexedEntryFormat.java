package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.LoadBinMetric;
import io.chimera.insight.aggregate.statistics.MetricKey;
import io.chimera.insight.aggregate.statistics.StatsAccumulator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Format 5 of {@link ConfigAggregateCodec}, the store's: format 4's fields without what the reader can
 * work out itself. Counts, lengths, counters and times are varints (the times: the first zig-zagged, the
 * last as its distance from the first); each cell of the cold/warm split names its metric by its place in
 * the entry's own list of metrics, written just before, not by its name and unit again; and a statistic
 * whose values are held and whose count, mean, M2, min and max are what adding them in order gives
 * ({@link StatsAccumulator#isRecountOfValues}, every entry fed run by run) is written as its count in the
 * form byte and its values: the reader {@linkplain StatsAccumulator#ofValues recounts} the rest, with the
 * same arithmetic, so the same bits.
 *
 * <p>Layout: the config (count, then key and value strings), runs, failed runs, summary records, first seen,
 * last seen minus first seen, the metrics (count, then per metric its name, unit and statistic), the split
 * (count, then per cell its bin, zig-zagged, its metric's index and statistic; an index equal to the metric
 * count, which no cell of an entry fed runs needs, is followed by the name and unit in full). A statistic
 * starts with its form byte: 0 to {@value StatsAccumulator#VALUES_BEFORE_SKETCH}, that many values that
 * recount; {@value #VALUES_WITH_FIGURES}, a count byte, mean, M2, min and max, then the values (values held
 * beside figures they do not recount, as a merge can leave them); {@value #SKETCH}, the count as a varint,
 * mean, M2, min, max and the compact sketch as in format 3.
 *
 * <p>Why: an entry is written on every run that changes it, and a commit's encodes, its put into RocksDB and
 * its changelog record all scale with its bytes; a three-run entry of the bench's 8 metrics took 1.36 KB in
 * format 4, most of it names written twice and figures beside the values they come from (docs/benchmarks.md,
 * "branch fmt11").
 */
final class IndexedEntryFormat {

    /** The form byte of values held beside figures that are not their recount. */
    static final int VALUES_WITH_FIGURES = StatsAccumulator.VALUES_BEFORE_SKETCH + 1;
    /** The form byte of a compact sketch. */
    static final int SKETCH = VALUES_WITH_FIGURES + 1;

    private IndexedEntryFormat() {
    }

    static void write(DataOutput out, ConfigAggregate value) throws IOException {
        StateCodec.writeVarLong(out, value.config().size());
        for (Map.Entry<String, String> entry : value.config().entrySet()) {
            StateCodec.writeShortString(out, entry.getKey());
            StateCodec.writeShortString(out, entry.getValue());
        }
        StateCodec.writeVarLong(out, value.runs());
        StateCodec.writeVarLong(out, value.failedRuns());
        StateCodec.writeVarLong(out, value.summaryRecords());
        StateCodec.writeZigZagLong(out, value.firstSeen());
        // Wraps for an entry with no records (MIN minus MAX), and wraps back on read.
        StateCodec.writeZigZagLong(out, value.lastSeen() - value.firstSeen());
        MetricKey[] keys = new MetricKey[value.metrics().size()];
        StateCodec.writeVarLong(out, keys.length);
        int index = 0;
        for (Map.Entry<MetricKey, StatsAccumulator> entry : value.metrics().entrySet()) {
            keys[index++] = entry.getKey();
            StateCodec.writeShortString(out, entry.getKey().name());
            StateCodec.writeShortString(out, entry.getKey().unit());
            writeStats(out, entry.getValue());
        }
        StateCodec.writeVarLong(out, value.loadSplit().size());
        for (Map.Entry<LoadBinMetric, StatsAccumulator> entry : value.loadSplit().entrySet()) {
            StateCodec.writeZigZagLong(out, entry.getKey().bin());
            MetricKey metric = entry.getKey().metric();
            int at = indexOf(keys, metric);
            StateCodec.writeVarLong(out, at);
            if (at == keys.length) {
                StateCodec.writeShortString(out, metric.name());
                StateCodec.writeShortString(out, metric.unit());
            }
            writeStats(out, entry.getValue());
        }
    }

    /** The place of {@code metric} in {@code keys} (an entry's few metrics), or their number when it is not there. */
    private static int indexOf(MetricKey[] keys, MetricKey metric) {
        for (int i = 0; i < keys.length; i++) {
            // The cells of an entry share its metrics' keys (one per run's metric), so identity mostly decides.
            if (keys[i] == metric || keys[i].equals(metric)) {
                return i;
            }
        }
        return keys.length;
    }

    private static void writeStats(DataOutput out, StatsAccumulator stats) throws IOException {
        if (stats.isRecountOfValues()) {
            out.writeByte((int) stats.count());
            writeValues(out, stats);
            return;
        }
        if (stats.holdsValues()) {
            out.writeByte(VALUES_WITH_FIGURES);
            out.writeByte((int) stats.count());
            writeFigures(out, stats);
            writeValues(out, stats);
            return;
        }
        out.writeByte(SKETCH);
        StateCodec.writeVarLong(out, stats.count());
        writeFigures(out, stats);
        ConfigAggregateCodec.writeCompactSketch(out, stats);
    }

    private static void writeFigures(DataOutput out, StatsAccumulator stats) throws IOException {
        out.writeDouble(stats.mean());
        out.writeDouble(stats.m2());
        out.writeDouble(stats.min());
        out.writeDouble(stats.max());
    }

    private static void writeValues(DataOutput out, StatsAccumulator stats) throws IOException {
        for (int i = 0; i < stats.count(); i++) {
            out.writeDouble(stats.value(i));
        }
    }

    static ConfigAggregate read(DataInput in) throws IOException {
        int configSize = StateCodec.readVarInt(in);
        Map<String, String> config = new TreeMap<>();
        for (int i = 0; i < configSize; i++) {
            config.put(StateCodec.readShortString(in), StateCodec.readShortString(in));
        }
        long runs = StateCodec.readVarLong(in);
        long failedRuns = StateCodec.readVarLong(in);
        long summaryRecords = StateCodec.readVarLong(in);
        long firstSeen = StateCodec.readZigZagLong(in);
        long lastSeen = firstSeen + StateCodec.readZigZagLong(in);
        MetricKey[] keys = new MetricKey[StateCodec.readVarInt(in)];
        SortedMap<MetricKey, StatsAccumulator> metrics = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new MetricKey(StateCodec.readShortString(in), StateCodec.readShortString(in));
            metrics.put(keys[i], readStats(in, keys[i]));
        }
        SortedMap<LoadBinMetric, StatsAccumulator> loadSplit = new TreeMap<>();
        int splitCount = StateCodec.readVarInt(in);
        for (int i = 0; i < splitCount; i++) {
            long bin = StateCodec.readZigZagLong(in);
            if (bin != (int) bin) {
                throw new IOException("A load bin of " + bin);
            }
            int at = StateCodec.readVarInt(in);
            if (at > keys.length) {
                throw new IOException("Metric " + at + " of an entry of " + keys.length);
            }
            MetricKey metric = at < keys.length ? keys[at]
                    : new MetricKey(StateCodec.readShortString(in), StateCodec.readShortString(in));
            loadSplit.put(new LoadBinMetric((int) bin, metric), readStats(in, metric));
        }
        return ConfigAggregate.restore(config, runs, failedRuns, summaryRecords, firstSeen, lastSeen, metrics, loadSplit);
    }

    private static StatsAccumulator readStats(DataInput in, MetricKey key) throws IOException {
        int form = in.readUnsignedByte();
        if (form <= StatsAccumulator.VALUES_BEFORE_SKETCH) {
            try {
                return StatsAccumulator.ofValues(key.unit(), readValues(in, form));
            } catch (IllegalArgumentException e) {
                throw new IOException("Held values of " + key + " that no run gives", e);
            }
        }
        if (form == VALUES_WITH_FIGURES) {
            int count = in.readUnsignedByte();
            if (count > StatsAccumulator.VALUES_BEFORE_SKETCH) {
                throw new IOException("A statistic holding " + count + " values as they are (at most "
                        + StatsAccumulator.VALUES_BEFORE_SKETCH + ")");
            }
            double mean = in.readDouble();
            double m2 = in.readDouble();
            double min = in.readDouble();
            double max = in.readDouble();
            return StatsAccumulator.restoreValues(key.unit(), count, mean, m2, min, max, readValues(in, count));
        }
        if (form != SKETCH) {
            throw new IOException("Unknown statistics form " + form + " of " + key);
        }
        long count = StateCodec.readVarLong(in);
        double mean = in.readDouble();
        double m2 = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        return StatsAccumulator.restoreCompact(key.unit(), count, mean, m2, min, max, StateCodec.readBytes(in));
    }

    private static double[] readValues(DataInput in, int count) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
