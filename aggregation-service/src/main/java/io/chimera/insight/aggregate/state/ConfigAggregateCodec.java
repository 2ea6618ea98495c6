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
 * Formats 2 and 3 of a {@link ConfigAggregate}: config entries, counters, then per metric its name,
 * unit, count, mean, M2, min, max and sketch; then the cold/warm split, per (load bin, metric) the
 * bin, then the metric as above. Format 3, what the aggregation's store writes ({@link #compact()}),
 * holds each sketch in DDSketch's own compact encoding ({@link StatsAccumulator#compactSketchBytes()});
 * format 2 in the protobuf one. Why format 3: an entry is written on every one of its runs, and a few
 * runs spread over two orders of magnitude made a protobuf sketch of kilobytes, mostly empty bins,
 * encoded, cached, flushed to RocksDB and sent to the changelog each time. Every format is read by
 * both: 2 and 3 as written, 1 (format 2 without the split) as an aggregate whose runs report no load
 * duration: state written before the split existed has none until its files are read again.
 */
public final class ConfigAggregateCodec extends StateCodec<ConfigAggregate> {

    private static final byte WITHOUT_SPLIT = 1;
    private static final byte PROTOBUF_SKETCHES = 2;
    private static final byte COMPACT_SKETCHES = 3;

    private final boolean compactSketches;

    /** Writes format 2 (protobuf sketches), which state written before format 3 holds. */
    public ConfigAggregateCodec() {
        this(false);
    }

    private ConfigAggregateCodec(boolean compactSketches) {
        super(compactSketches ? COMPACT_SKETCHES : PROTOBUF_SKETCHES);
        this.compactSketches = compactSketches;
    }

    /** Writes format 3 (compact sketches): the codec of the aggregation's store. */
    public static ConfigAggregateCodec compact() {
        return new ConfigAggregateCodec(true);
    }

    @Override
    void write(DataOutput out, ConfigAggregate value) throws IOException {
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
        if (!compactSketches) {
            writeBytes(out, stats.sketchBytes());
        } else if (out instanceof StateOutput direct) {
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
        return read(in, true, compactSketches);
    }

    /** The other formats: 1 and whichever of 2 and 3 this one does not write. */
    @Override
    boolean readsEarlier(byte found) {
        return found == WITHOUT_SPLIT || found == PROTOBUF_SKETCHES || found == COMPACT_SKETCHES;
    }

    @Override
    ConfigAggregate readEarlier(DataInput in, byte found) throws IOException {
        return read(in, found != WITHOUT_SPLIT, found == COMPACT_SKETCHES);
    }

    private static ConfigAggregate read(DataInput in, boolean withSplit, boolean compact) throws IOException {
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
            metrics.put(key, readStats(in, key, compact));
        }
        SortedMap<LoadBinMetric, StatsAccumulator> loadSplit = new TreeMap<>();
        int splitCount = withSplit ? in.readInt() : 0;
        for (int i = 0; i < splitCount; i++) {
            int bin = in.readInt();
            MetricKey key = new MetricKey(readString(in), readString(in));
            loadSplit.put(new LoadBinMetric(bin, key), readStats(in, key, compact));
        }
        return ConfigAggregate.restore(config, runs, failedRuns, summaryRecords, firstSeen, lastSeen, metrics, loadSplit);
    }

    private static StatsAccumulator readStats(DataInput in, MetricKey key, boolean compact) throws IOException {
        long count = in.readLong();
        double mean = in.readDouble();
        double m2 = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        byte[] sketch = readBytes(in);
        return compact ? StatsAccumulator.restoreCompact(key.unit(), count, mean, m2, min, max, sketch)
                : StatsAccumulator.restore(key.unit(), count, mean, m2, min, max, sketch);
    }
}
