package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.BenchmarkFile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global file catalog (file id to latest {@code BenchmarkFile}) up to date. It stores
 * values as they come, with the topic's own serdes, so that restoring the store straight from the
 * topic gives the same content as processing it. Each write is counted in {@link CatalogChanges}, after
 * it is made, so the stream tasks know when what they read from the catalog may have changed.
 */
final class FileCatalogUpdater implements Processor<String, BenchmarkFile, Void, Void> {

    private final CatalogChanges changes;
    private KeyValueStore<String, BenchmarkFile> catalog;

    FileCatalogUpdater(CatalogChanges changes) {
        this.changes = changes;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        catalog = context.getStateStore(AggregationTopology.FILE_CATALOG_STORE);
    }

    @Override
    public void process(Record<String, BenchmarkFile> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            catalog.delete(record.key());
        } else {
            catalog.put(record.key(), record.value());
        }
        changes.written();
    }
}
