package io.chimera.insight.aggregate.statistics;

import java.util.Arrays;
import java.util.Map;

/**
 * {@link ConfigKeys#of} for a stream of runs, reusing the key made for the run before when its
 * configuration is equal: a rig's runs come in series of one configuration, and the aggregation's reader
 * hands each repeated key and value as the same {@code String} ({@code RunRecordReader}), so the check is a
 * walk comparing references, where making the key sorts the entries and writes a new string (about 1 % of the
 * aggregation's stream thread, profiled: docs/benchmarks.md).
 *
 * <p>The configuration before is held as its entries in iteration order; a configuration of the same size
 * whose entries are equal, in that order, is an equal map, so its key is the same text. One that holds the
 * same entries in another order is not recognised, and gets its key made: the same text again. Not
 * thread-safe: one per stream task.
 */
public final class LastConfigKey {

    private static final String[] NO_STRINGS = new String[0];

    private String[] keys = NO_STRINGS;
    private String[] values = NO_STRINGS;
    private int size = -1;
    private String key;

    /** {@link ConfigKeys#of}{@code (config)}: the string made for the configuration before, when equal to it. */
    public String of(Map<String, String> config) {
        if (config.size() == size && sameEntries(config)) {
            return key;
        }
        key = ConfigKeys.of(config);
        keep(config);
        return key;
    }

    private boolean sameEntries(Map<String, String> config) {
        int i = 0;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            // String.equals compares references first: the reader's repeated strings end there.
            if (!entry.getKey().equals(keys[i]) || !entry.getValue().equals(values[i])) {
                return false;
            }
            i++;
        }
        return true;
    }

    private void keep(Map<String, String> config) {
        size = config.size();
        if (keys.length < size) {
            keys = new String[size];
            values = new String[size];
        } else {
            // No strings of an older configuration held past its size.
            Arrays.fill(keys, size, keys.length, null);
            Arrays.fill(values, size, values.length, null);
        }
        int i = 0;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
    }
}
