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
 * Format 2 of a {@link ConfigAggregate}: config entries, counters, then per metric its name,
 * unit, count, mean, M2, min, max and protobuf sketch; then the cold/warm split, per (load bin,
 * metric) the bin, then the metric as above. Format 1 (without the split) is still read, as an
 * aggregate whose runs report no load duration: state written before the split existed has none
 * until its files are read again.
 */
public final class ConfigAggregateCodec extends StateCodec<ConfigAggregate> {

    public ConfigAggregateCodec() {
        super(2);
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

    private static void writeMetric(DataOutput out, MetricKey key, StatsAccumulator stats) throws IOException {
        writeString(out, key.name());
        writeString(out, key.unit());
        out.writeLong(stats.count());
        out.writeDouble(stats.mean());
        out.writeDouble(stats.m2());
        out.writeDouble(stats.min());
        out.writeDouble(stats.max());
        writeBytes(out, stats.sketchBytes());
    }

    @Override
    ConfigAggregate read(DataInput in) throws IOException {
        return read(in, true);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found == 1;
    }

    @Override
    ConfigAggregate readEarlier(DataInput in, byte found) throws IOException {
        return read(in, false);
    }

    private static ConfigAggregate read(DataInput in, boolean withSplit) throws IOException {
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
            metrics.put(key, readStats(in, key));
        }
        SortedMap<LoadBinMetric, StatsAccumulator> loadSplit = new TreeMap<>();
        int splitCount = withSplit ? in.readInt() : 0;
        for (int i = 0; i < splitCount; i++) {
            int bin = in.readInt();
            MetricKey key = new MetricKey(readString(in), readString(in));
            loadSplit.put(new LoadBinMetric(bin, key), readStats(in, key));
        }
        return ConfigAggregate.restore(config, runs, failedRuns, summaryRecords, firstSeen, lastSeen, metrics, loadSplit);
    }

    private static StatsAccumulator readStats(DataInput in, MetricKey key) throws IOException {
        long count = in.readLong();
        double mean = in.readDouble();
        double m2 = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        byte[] sketch = readBytes(in);
        return StatsAccumulator.restore(key.unit(), count, mean, m2, min, max, sketch);
    }
}
