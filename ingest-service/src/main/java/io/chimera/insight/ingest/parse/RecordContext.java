package io.chimera.insight.ingest.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a record inherits from around it: the model and configuration of an enclosing JSON object,
 * an {@code options} column, or the {@code Model:} / {@code Configuration:} lines of a Markdown
 * section; and when it was taken. The record's own fields win over all of this.
 *
 * @param model the model named around the record
 * @param config configuration entries under their source names (the normaliser canonicalises them)
 * @param timestamp when the enclosing object says it was taken
 */
public record RecordContext(Optional<String> model, Map<String, String> config, Optional<String> timestamp) {

    public static final RecordContext EMPTY = new RecordContext(Optional.empty(), Map.of(), Optional.empty());

    public RecordContext {
        // In file order: Map.copyOf iterates in an order that changes from one JVM start to the
        // next, which made the same file give runs whose config maps (and bytes) differed per run.
        Map<String, String> ordered = new LinkedHashMap<>();
        config.forEach((name, value) -> ordered.put(Objects.requireNonNull(name, "config name"),
                Objects.requireNonNull(value, "config value of " + name)));
        config = Collections.unmodifiableMap(ordered);
    }

    public RecordContext withModel(String newModel) {
        return new RecordContext(Optional.of(newModel), config, timestamp);
    }

    public RecordContext withTimestamp(String newTimestamp) {
        return new RecordContext(model, config, Optional.of(newTimestamp));
    }

    /** This context with {@code entries} added to its configuration, replacing keys it already has. */
    public RecordContext withConfig(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(config);
        merged.putAll(entries);
        return new RecordContext(model, merged, timestamp);
    }
}
