package io.chimera.insight.aggregate.statistics;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The stable text form of a run's configuration, used to group runs per (model, config). */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Sorted {@code key=value} pairs joined by {@code ','}; empty for an empty config. */
    public static String of(Map<String, String> config) {
        StringJoiner joined = new StringJoiner(",");
        new TreeMap<>(config).forEach((key, value) -> joined.add(key + "=" + value));
        return joined.toString();
    }
}
