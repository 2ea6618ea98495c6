package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** Real in-memory stores on a mock processor context, for tests of the code that reads and writes them. */
public final class TestStores {

    private TestStores() {
    }

    /** An in-memory store of String keys named {@code name}, initialised on {@code context} and added to it. */
    public static <V> KeyValueStore<String, V> inMemory(MockProcessorContext<?, ?> context, String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** {@code serde}, counting in {@code decoded} the values it decodes (a missing value is no decode). */
    public static <V> Serde<V> countingDecodes(Serde<V> serde, AtomicInteger decoded) {
        Deserializer<V> decode = (topic, bytes) -> {
            if (bytes != null) {
                decoded.incrementAndGet();
            }
            return serde.deserializer().deserialize(topic, bytes);
        };
        return Serdes.serdeFrom(serde.serializer(), decode);
    }

    /**
     * The {@code change-series} store's serde, but for a value of the earlier per-series layout
     * ({@link ConfigStates#earlier}, as {@link #earlier} makes one), which it writes as the earlier code did:
     * the series' state alone, {@link SeriesStateCodec} format 2. So a store holds the very bytes an upgraded
     * task restores from a changelog the earlier code wrote.
     */
    public static Serde<ConfigStates> seriesStatesWritingEarlier() {
        ConfigStatesCodec codec = new ConfigStatesCodec();
        SeriesStateCodec earlier = new SeriesStateCodec();
        return Serdes.serdeFrom((topic, value) -> value != null && value.earlierState() != null
                ? earlier.encode(value.earlierState()) : codec.encode(value), (topic, bytes) -> codec.decode(bytes));
    }

    /** {@code state} as an entry of the earlier per-series layout reads: decoded from its format-2 bytes. */
    public static ConfigStates earlier(SeriesState state) {
        return new ConfigStatesCodec().decode(new SeriesStateCodec().encode(state));
    }
}
