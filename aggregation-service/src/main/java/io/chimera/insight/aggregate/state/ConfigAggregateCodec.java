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
 * Formats 2 to 5 of a {@link ConfigAggregate}. Formats 2 to 4: config entries, counters, then per metric its name,
 * unit, count, mean, M2, min, max and sketch; then the cold/warm split, per (load bin, metric) the
 * bin, then the metric as above. Format 2 holds each sketch in the protobuf encoding; format 3 in
 * DDSketch's own compact one ({@link StatsAccumulator#compactSketchBytes()}); format 4 holds after the
 * moments a byte saying which follows: {@value #VALUES} and the values themselves
 * ({@link StatsAccumulator#holdsValues()}, {@code count} doubles), or {@value #SKETCH} and the compact sketch
 * as in format 3. Format 5, what the aggregation's store writes ({@link #store()}), is format 4 without what
 * the reader can work out itself: varints, a split cell's metric by its index, values without the figures they
 * recount ({@link IndexedEntryFormat}, which writes and reads it).
 *
 * <p>Why format 3: an entry is written on every one of its runs, and a few runs spread over two orders
 * of magnitude made a protobuf sketch of kilobytes, mostly empty bins, encoded, cached, flushed to
 * RocksDB and sent to the changelog each time. Why format 4: most entries hold one or two runs, and
 * their values are cheaper to write and read than a sketch made for them (see
 * {@link StatsAccumulator#valuesFirst}); the sketch is made when the values grow past a few. Why format 5:
 * about half format 4's bytes for an entry of a few runs, each encoded at every commit that changes it, put
 * into RocksDB and sent to the changelog.
 *
 * <p>Every format is read by every codec: 2 to 5 as written, 1 (format 2 without the split) as an
 * aggregate whose runs report no load duration: state written before the split existed has none until
 * its files are read again.
 */
public final class ConfigAggregateCodec extends StateCodec<ConfigAggregate> {

    private static final byte WITHOUT_SPLIT = 1;
    private static final byte PROTOBUF_SKETCHES = 2;
    private static final byte COMPACT_SKETCHES = 3;
    private static final byte VALUES_OR_SKETCHES = 4;
    private static final byte INDEXED = 5;
    /** Format 4: the statistics' values follow. */
    private static final byte VALUES = 1;
    /** Format 4: a compact sketch follows. */
    private static final byte SKETCH = 2;

    private final byte format;

    /** Writes format 2 (protobuf sketches), which state written before format 3 holds. */
    public ConfigAggregateCodec() {
        this(PROTOBUF_SKETCHES);
    }

    private ConfigAggregateCodec(byte format) {
        super(format);
        this.format = format;
    }

    /** Writes format 3 (compact sketches), which state written before format 4 holds. */
    public static ConfigAggregateCodec compact() {
        return new ConfigAggregateCodec(COMPACT_SKETCHES);
    }

    /** Writes format 4 (values or compact sketches), which state written before format 5 holds. */
    public static ConfigAggregateCodec valuesOrSketches() {
        return new ConfigAggregateCodec(VALUES_OR_SKETCHES);
    }

    /** Writes format 5 ({@link IndexedEntryFormat}): the codec of the aggregation's store. */
    public static ConfigAggregateCodec store() {
        return new ConfigAggregateCodec(INDEXED);
    }

    @Override
    void write(DataOutput out, ConfigAggregate value) throws IOException {
        if (format == INDEXED) {
            IndexedEntryFormat.write(out, value);
            return;
        }
        out.writeInt(value.config().size());
        for (Map.Entry<String, String> entry : value.config().entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
        out.writeLong(value.runs());
        out.writeLong(value.failedRuns());
        out.writeLong(value.summaryRecords());
        out.writeLong(value.firstSeen());
        out.writeLong(value.lastSeen());
        out.writeInt(value.metrics().size());
        for (Map.Entry<MetricKey, StatsAccumulator> entry : value.metrics().entrySet()) {
            writeMetric(out, entry.getKey(), entry.getValue());
        }
        out.writeInt(value.loadSplit().size());
        for (Map.Entry<LoadBinMetric, StatsAccumulator> entry : value.loadSplit().entrySet()) {
            out.writeInt(entry.getKey().bin());
            writeMetric(out, entry.getKey().metric(), entry.getValue());
        }
    }

    private void writeMetric(DataOutput out, MetricKey key, StatsAccumulator stats) throws IOException {
        writeString(out, key.name());
        writeString(out, key.unit());
        out.writeLong(stats.count());
        out.writeDouble(stats.mean());
        out.writeDouble(stats.m2());
        out.writeDouble(stats.min());
        out.writeDouble(stats.max());
        if (format == PROTOBUF_SKETCHES) {
            writeBytes(out, stats.sketchBytes());
            return;
        }
        if (format == VALUES_OR_SKETCHES) {
            if (stats.holdsValues()) {
                out.writeByte(VALUES);
                for (int i = 0; i < stats.count(); i++) {
                    out.writeDouble(stats.value(i));
                }
                return;
            }
            out.writeByte(SKETCH);
        }
        writeCompactSketch(out, stats);
    }

    /** The compact sketch of {@code stats} behind its length (an int, as {@link #writeBytes} lays it out). */
    static void writeCompactSketch(DataOutput out, StatsAccumulator stats) throws IOException {
        if (out instanceof StateOutput direct) {
            // Straight into the value, its length in front (writeBytes' layout).
            int lengthAt = direct.reserveInt();
            stats.encodeCompactSketch(direct);
            direct.putInt(lengthAt, direct.size() - lengthAt - Integer.BYTES);
        } else {
            writeBytes(out, stats.compactSketchBytes());
        }
    }

    @Override
    ConfigAggregate read(DataInput in) throws IOException {
        return read(in, format);
    }

    /** The other formats: 1 and whichever of 2 to 5 this one does not write. */
    @Override
    boolean readsEarlier(byte found) {
        return found == WITHOUT_SPLIT || found == PROTOBUF_SKETCHES || found == COMPACT_SKETCHES
                || found == VALUES_OR_SKETCHES || found == INDEXED;
    }

    @Override
    ConfigAggregate readEarlier(DataInput in, byte found) throws IOException {
        return read(in, found);
    }

    private static ConfigAggregate read(DataInput in, byte format) throws IOException {
        if (format == INDEXED) {
            return IndexedEntryFormat.read(in);
        }
        boolean withSplit = format != WITHOUT_SPLIT;
        int configSize = in.readInt();
        Map<String, String> config = new TreeMap<>();
        for (int i = 0; i < configSize; i++) {
            config.put(readString(in), readString(in));
        }
        long runs = in.readLong();
        long failedRuns = in.readLong();
        long summaryRecords = in.readLong();
        long firstSeen = in.readLong();
        long lastSeen = in.readLong();
        int metricCount = in.readInt();
        SortedMap<MetricKey, StatsAccumulator> metrics = new TreeMap<>();
        for (int i = 0; i < metricCount; i++) {
            MetricKey key = new MetricKey(readString(in), readString(in));
            metrics.put(key, readStats(in, key, format));
        }
        SortedMap<LoadBinMetric, StatsAccumulator> loadSplit = new TreeMap<>();
        int splitCount = withSplit ? in.readInt() : 0;
        for (int i = 0; i < splitCount; i++) {
            int bin = in.readInt();
            MetricKey key = new MetricKey(readString(in), readString(in));
            loadSplit.put(new LoadBinMetric(bin, key), readStats(in, key, format));
        }
        return ConfigAggregate.restore(config, runs, failedRuns, summaryRecords, firstSeen, lastSeen, metrics, loadSplit);
    }

    private static StatsAccumulator readStats(DataInput in, MetricKey key, byte format) throws IOException {
        long count = in.readLong();
        double mean = in.readDouble();
        double m2 = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        boolean compact = format == COMPACT_SKETCHES;
        if (format == VALUES_OR_SKETCHES) {
            byte form = in.readByte();
            if (form == VALUES) {
                return StatsAccumulator.restoreValues(key.unit(), count, mean, m2, min, max, readValues(in, count));
            }
            if (form != SKETCH) {
                throw new IOException("Unknown statistics form " + form + " of " + key);
            }
            compact = true;
        }
        byte[] sketch = readBytes(in);
        return compact ? StatsAccumulator.restoreCompact(key.unit(), count, mean, m2, min, max, sketch)
                : StatsAccumulator.restore(key.unit(), count, mean, m2, min, max, sketch);
    }

    private static double[] readValues(DataInput in, long count) throws IOException {
        if (count < 0 || count > StatsAccumulator.VALUES_BEFORE_SKETCH) {
            throw new IOException("A statistic holding " + count + " values as they are (at most "
                    + StatsAccumulator.VALUES_BEFORE_SKETCH + ")");
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
