package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.MetricKey;
import io.chimera.insight.aggregate.statistics.StatsAccumulator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Format 1 of a {@link ConfigAggregate}: config entries, counters, then per metric its name,
 * unit, count, mean, M2, min, max and protobuf sketch.
 */
public final class ConfigAggregateCodec extends StateCodec<ConfigAggregate> {

    public ConfigAggregateCodec() {
        super(1);
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
            StatsAccumulator stats = entry.getValue();
            writeString(out, entry.getKey().name());
            writeString(out, entry.getKey().unit());
            out.writeLong(stats.count());
            out.writeDouble(stats.mean());
            out.writeDouble(stats.m2());
            out.writeDouble(stats.min());
            out.writeDouble(stats.max());
            writeBytes(out, stats.sketchBytes());
        }
    }

    @Override
    ConfigAggregate read(DataInput in) throws IOException {
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
            long count = in.readLong();
            double mean = in.readDouble();
            double m2 = in.readDouble();
            double min = in.readDouble();
            double max = in.readDouble();
            byte[] sketch = readBytes(in);
            metrics.put(key, StatsAccumulator.restore(key.unit(), count, mean, m2, min, max, sketch));
        }
        return ConfigAggregate.restore(config, runs, failedRuns, summaryRecords, firstSeen, lastSeen, metrics);
    }
}
