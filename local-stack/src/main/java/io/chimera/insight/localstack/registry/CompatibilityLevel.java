package io.chimera.insight.localstack.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Confluent's compatibility levels, decided with Avro's own reader/writer resolution rules
 * ({@link SchemaCompatibility}) so the registry agrees with what deserialisers will actually do.
 * BACKWARD: consumers on the new schema read data written with the old one. FORWARD: consumers
 * still on the old schema read data written with the new one. FULL: both. The transitive
 * variants check every registered version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level name case-insensitively, as the REST API accepts it. */
    static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RegistryError.invalidCompatibilityLevel(String.valueOf(name));
        }
    }

    /**
     * The reasons {@code candidate} is incompatible with the {@code existing} versions (oldest
     * first); empty when compatible.
     */
    List<String> violations(Schema candidate, List<Schema> existing) {
        List<String> reasons = new ArrayList<>();
        if (existing.isEmpty()) {
            return reasons;
        }
        List<Schema> checked = transitive ? existing : List.of(existing.get(existing.size() - 1));
        for (Schema previous : checked) {
            if (backward) {
                collect(reasons, "reader", candidate, previous);
            }
            if (forward) {
                collect(reasons, "writer", previous, candidate);
            }
        }
        return reasons;
    }

    private static void collect(List<String> reasons, String newRole, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            reasons.add("{errorType:'" + incompatibility.getType() + "', description:'new schema as " + newRole + ": "
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
    }
}
