package io.chimera.insight.aggregate.state;

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
}
