package io.chimera.insight.aggregate.state;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link WriteBehindStore} around the store {@code inner} builds (metered, cached and
 * logged as {@code inner} says), so that it is the outermost layer: the one Streams registers,
 * hands to the processor and flushes before each commit.
 */
public final class WriteBehindStoreBuilder<V> implements StoreBuilder<KeyValueStore<String, V>> {

    private final StoreBuilder<KeyValueStore<String, V>> inner;

    public WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<String, V>> inner) {
        this.inner = inner;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
        inner.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
        inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<String, V> build() {
        return new WriteBehindStore<>(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
