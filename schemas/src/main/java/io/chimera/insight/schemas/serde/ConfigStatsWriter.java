package io.chimera.insight.schemas.serde;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.io.IOException;
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
 * (docs/benchmarks.md). The writer is tied to the schema it was written for: built against another
 * ({@link #writes}), {@link AvroBodyEncoder} keeps the generic writer.
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

    private ConfigStatsWriter() {
    }

    /** Whether records of {@code schema} are {@code ConfigStats} with the fields this writer writes. */
    static boolean writes(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD || !schema.getFullName().equals(ConfigStats.getClassSchema().getFullName())) {
            return false;
        }
        List<String> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(field.name() + ": " + shape(field.schema()));
        }
        return fields.equals(FIELDS);
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
            entry.getValue().customEncode(out);
        }
        out.writeMapEnd();
    }
}
