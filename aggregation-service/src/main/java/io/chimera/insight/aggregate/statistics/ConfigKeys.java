package io.chimera.insight.aggregate.statistics;

import java.util.Arrays;
import java.util.Map;

/** The stable text form of a run's configuration, used to group runs per (model, config). */
public final class ConfigKeys {

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array can only be made raw
    private static final Map.Entry<String, String>[] NO_ENTRIES = new Map.Entry[0];

    private ConfigKeys() {
    }

    /**
     * Sorted {@code key=value} pairs joined by {@code ','}; empty for an empty config. Sorted by key as
     * {@code String.compareTo} orders them (a {@code TreeMap}'s order, which it was made with until it was
     * made once per run: now an array of the map's few entries is sorted, and the text is written into one
     * builder of the right size, without a sorted copy of the map or a string per pair).
     */
    public static String of(Map<String, String> config) {
        if (config.isEmpty()) {
            return "";
        }
        Map.Entry<String, String>[] entries = config.entrySet().toArray(NO_ENTRIES);
        Arrays.sort(entries, Map.Entry.comparingByKey());
        int length = entries.length - 1;
        for (Map.Entry<String, String> entry : entries) {
            length += entry.getKey().length() + 1 + entry.getValue().length();
        }
        StringBuilder joined = new StringBuilder(length);
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                joined.append(',');
            }
            joined.append(entries[i].getKey()).append('=').append(entries[i].getValue());
        }
        return joined.toString();
    }
}
