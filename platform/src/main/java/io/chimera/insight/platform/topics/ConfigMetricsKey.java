package io.chimera.insight.platform.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The key of a {@code config-metrics} record: the model, a NUL character, then the configuration's
 * key ({@code ConfigStats.configKey}: its sorted {@code key=value} pairs joined by {@code ,}; empty for
 * runs without a configuration). NUL appears in no model name or config key (the aggregation's store
 * keys rely on the same), so the split is unambiguous, and every key of one model starts with
 * {@code model NUL}.
 *
 * <p>A model's records all go to the partition its model-keyed records would go to (Kafka's own
 * murmur2 hash of the model alone), so one model's configurations stay in one partition, in order.
 */
public final class ConfigMetricsKey {

    /** Between the model and the config key. */
    public static final char SEPARATOR = '\u0000';

    private ConfigMetricsKey() {
    }

    /** The key of {@code configKey} of {@code model}. */
    public static String of(String model, String configKey) {
        return model + SEPARATOR + configKey;
    }

    /** The model of a key built by {@link #of}. */
    public static String modelOf(String key) {
        return key.substring(0, separatorIn(key));
    }

    /** The config key of a key built by {@link #of}. */
    public static String configKeyOf(String key) {
        return key.substring(separatorIn(key) + 1);
    }

    /** The partition of {@code model}'s records among {@code partitions}: the default partitioner's choice for the model as key. */
    public static int partitionOf(String model, int partitions) {
        return Utils.toPositive(Utils.murmur2(model.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static int separatorIn(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a config-metrics key (no NUL between model and config): " + key);
        }
        return at;
    }
}
