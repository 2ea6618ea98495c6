package io.chimera.insight.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A registry in front of another that, while told to, answers every call as a registry in trouble
 * would: unreachable (no HTTP status, as {@link HttpSchemaRegistryClient} reports a refused connection)
 * or with an HTTP status. For tests of what an outage or a refusal does to the readers and writers,
 * beside {@link InMemorySchemaRegistry}.
 */
public final class FaultySchemaRegistry implements SchemaRegistry {

    private static final int ANSWERS = -1;

    private final SchemaRegistry registry;
    private volatile int failingWith = ANSWERS;

    public FaultySchemaRegistry(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** Every call fails as if the registry could not be reached. */
    public void unreachable() {
        failingWith = 0;
    }

    /** Every call fails with {@code httpStatus} (a 4xx's Confluent error code is the status itself). */
    public void failWith(int httpStatus) {
        failingWith = httpStatus;
    }

    /** Calls reach the registry behind again. */
    public void answer() {
        failingWith = ANSWERS;
    }

    private void call(String subject) {
        int status = failingWith;
        if (status != ANSWERS) {
            throw new SchemaRegistryException(subject, "faulty:", status, status >= 400 && status < 500 ? status : 0,
                    status == 0 ? "unreachable: told to be" : "told to fail", null);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        call(subject);
        return registry.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        call("schema id " + id);
        return registry.getById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        call(subject);
        return registry.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        call(subject);
        return registry.isCompatible(subject, schema);
    }

    @Override
    public List<String> subjects() {
        call("subjects");
        return registry.subjects();
    }
}
