package io.chimera.insight.schemas.serde;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * Writes a {@code ConfigStats} field by field with typed calls, in the Avro binary encoding: the bytes
 * Avro's generic writer writes ({@code AvroBodyEncoderTest}), without its lookups by position, boxed
 * numbers and dispatch on each field's schema.
 *
 * <p>Why by hand: Avro generates an encoder only into classes whose fields carry no logical type, and
 * {@code ConfigStats} has two timestamps, so its record and its three maps went through the generic
 * writer (the maps' {@code MetricStats} through their generated encoders). An emission encodes every
 * configuration that changed, and the generic writer's map walks were the largest part of that left
 * (docs/benchmarks.md). The maps' {@code MetricStats} are written here too ({@link #writeStats}), to spare
 * a copy of each sketch. The writer is tied to the schema it was written for, its {@code MetricStats}
 * included: built against another ({@link #writes}), {@link AvroBodyEncoder} keeps the generic writer.
 */
final class ConfigStatsWriter {

    /** The fields, in order, as {@link #shape} describes them: the schema this writer follows. */
    private static final List<String> FIELDS = List.of(
            "configKey: string",
            "config: map<string>",
            "runs: long",
            "failedRuns: long",
            "metrics: map<io.chimera.insight.events.MetricStats>",
            "firstSeen: long/timestamp-millis",
            "lastSeen: long/timestamp-millis",
            "files: array<string>",
            "coldRuns: long",
            "warmMetrics: map<io.chimera.insight.events.MetricStats>");
    /** The fields of the maps' {@code MetricStats}, in order, as {@link #writeStats} writes them. */
    private static final List<String> STATS_FIELDS = List.of(
            "unit: string",
            "count: long",
            "mean: double",
            "m2: double",
            "stddev: double",
            "min: double",
            "max: double",
            "p50: double",
            "p90: double",
            "p95: double",
            "p99: double",
            "sketch: bytes");

    private ConfigStatsWriter() {
    }

    /** Whether records of {@code schema} are {@code ConfigStats} with the fields this writer writes. */
    static boolean writes(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD || !schema.getFullName().equals(ConfigStats.getClassSchema().getFullName())) {
            return false;
        }
        return fields(schema).equals(FIELDS)
                && fields(schema.getField("metrics").schema().getValueType()).equals(STATS_FIELDS)
                && fields(schema.getField("warmMetrics").schema().getValueType()).equals(STATS_FIELDS);
    }

    private static List<String> fields(Schema record) {
        List<String> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(field.name() + ": " + shape(field.schema()));
        }
        return fields;
    }

    private static String shape(Schema schema) {
        return switch (schema.getType()) {
            case MAP -> "map<" + shape(schema.getValueType()) + ">";
            case ARRAY -> "array<" + shape(schema.getElementType()) + ">";
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName()
                    + (schema.getLogicalType() == null ? "" : "/" + schema.getLogicalType().getName());
        };
    }

    /**
     * Writes {@code stats} as the generic writer would: each field in schema order; a map or array as its
     * item count (when not empty), its items, then a zero; a timestamp as its epoch milliseconds.
     *
     * @throws NullPointerException when a field is null, as the generic writer does
     */
    static void write(ConfigStats stats, Encoder out) throws IOException {
        out.writeString(stats.getConfigKey());
        Map<String, String> config = stats.getConfig();
        out.writeMapStart();
        out.setItemCount(config.size());
        for (Map.Entry<String, String> entry : config.entrySet()) {
            out.startItem();
            out.writeString(entry.getKey());
            out.writeString(entry.getValue());
        }
        out.writeMapEnd();
        out.writeLong(stats.getRuns());
        out.writeLong(stats.getFailedRuns());
        writeMetrics(stats.getMetrics(), out);
        out.writeLong(stats.getFirstSeen().toEpochMilli());
        out.writeLong(stats.getLastSeen().toEpochMilli());
        List<String> files = stats.getFiles();
        out.writeArrayStart();
        out.setItemCount(files.size());
        for (String file : files) {
            out.startItem();
            out.writeString(file);
        }
        out.writeArrayEnd();
        out.writeLong(stats.getColdRuns());
        writeMetrics(stats.getWarmMetrics(), out);
    }

    private static void writeMetrics(Map<String, MetricStats> metrics, Encoder out) throws IOException {
        out.writeMapStart();
        out.setItemCount(metrics.size());
        for (Map.Entry<String, MetricStats> entry : metrics.entrySet()) {
            out.startItem();
            out.writeString(entry.getKey());
            writeStats(entry.getValue(), out);
        }
        out.writeMapEnd();
    }

    /**
     * Writes {@code stats} as its generated encoder ({@code MetricStats.customEncode}) does, but the sketch from
     * its array: Avro's buffered encoder writes a {@link ByteBuffer} through a read-only view of it, which
     * has no array to read, so each sketch was copied into an array of its own first (the sketch is most
     * of a snapshot's bytes, and those copies were a seventh of what an emission allocated, profiled).
     * Bytes are written as their length then the bytes, or a zero when empty, either way.
     */
    private static void writeStats(MetricStats stats, Encoder out) throws IOException {
        out.writeString(stats.getUnit());
        out.writeLong(stats.getCount());
        out.writeDouble(stats.getMean());
        out.writeDouble(stats.getM2());
        out.writeDouble(stats.getStddev());
        out.writeDouble(stats.getMin());
        out.writeDouble(stats.getMax());
        out.writeDouble(stats.getP50());
        out.writeDouble(stats.getP90());
        out.writeDouble(stats.getP95());
        out.writeDouble(stats.getP99());
        ByteBuffer sketch = stats.getSketch();
        if (sketch.hasArray()) {
            out.writeBytes(sketch.array(), sketch.arrayOffset() + sketch.position(), sketch.remaining());
        } else {
            out.writeBytes(sketch);
        }
    }
}
