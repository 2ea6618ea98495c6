package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Format 3 of a {@code change-series} entry ({@link ConfigStates}): how many states, then per state its
 * metric's name, whether its configuration is the previous state's (a configuration's states share it:
 * written once), that configuration when not, and the rest of the state as format 2 writes it
 * ({@link SeriesStateCodec#writeRest}).
 *
 * <p>Formats 1 and 2, one series' state per entry ({@link SeriesStateCodec}, the layout until 2026-12-06),
 * are read as {@link ConfigStates#earlier}: their metric is in their key.
 */
public final class ConfigStatesCodec extends StateCodec<ConfigStates> {

    private static final SeriesStateCodec EARLIER = new SeriesStateCodec();

    public ConfigStatesCodec() {
        super(3);
    }

    @Override
    void write(DataOutput out, ConfigStates value) throws IOException {
        out.writeInt(value.byMetric().size());
        Map<String, String> previous = null;
        for (Map.Entry<String, SeriesState> entry : value.byMetric().entrySet()) {
            writeString(out, entry.getKey());
            SeriesState state = entry.getValue();
            boolean shared = state.config().equals(previous);
            out.writeBoolean(shared);
            if (!shared) {
                SeriesStateCodec.writeConfig(out, state.config());
                previous = state.config();
            }
            SeriesStateCodec.writeRest(out, state);
        }
    }

    @Override
    ConfigStates read(DataInput in) throws IOException {
        int size = in.readInt();
        SortedMap<String, SeriesState> byMetric = new TreeMap<>();
        TreeMap<String, String> previous = null;
        for (int i = 0; i < size; i++) {
            String metric = readString(in);
            TreeMap<String, String> config = in.readBoolean() ? previous : SeriesStateCodec.readConfig(in);
            if (config == null) {
                throw new IOException("a state shares the configuration of none before it");
            }
            previous = config;
            byMetric.put(metric, SeriesStateCodec.readRest(in, config));
        }
        return new ConfigStates(byMetric);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found == 1 || found == 2;
    }

    /** A series' state as the per-series layout wrote it (format 2, or 1): see the class comment. */
    @Override
    ConfigStates readEarlier(DataInput in, byte found) throws IOException {
        return ConfigStates.earlier(found == 2 ? EARLIER.read(in) : EARLIER.readEarlier(in, found));
    }
}
