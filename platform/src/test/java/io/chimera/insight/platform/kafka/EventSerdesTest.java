package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.registry.RegisteredSchema;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** {@link EventSerdes#registerValueSchemas}: the schemas a service writes, registered as it starts. */
class EventSerdesTest {

    private static final TopicNames NAMES = new TopicNames("t.");

    @Test
    void registersEachAvroTopicsValueSchemaAndTheWritesAfterNeedNoRegistry() {
        Switchable registry = new Switchable(new InMemorySchemaRegistry());
        EventSerdes serdes = new EventSerdes(registry);

        List<String> left = serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES, Topics.INGEST_STATE,
                Topics.MODEL_METRICS));

        assertThat(left).isEmpty();
        assertThat(registry.subjects()).containsExactly("t.performance-changes-value", "t.model-metrics-value");
        int id = registry.latest("t.performance-changes-value").id();
        registry.answer = 0; // the registry restarting: a write now must not need it
        assertThat(serdes.avroValue(Topics.PERFORMANCE_CHANGES).serializer().register("t.performance-changes"))
                .isEqualTo(id);
    }

    @Test
    void aRegistryThatCannotAnswerLeavesTheTopicsToTheirFirstWrite() {
        Switchable registry = new Switchable(new InMemorySchemaRegistry());
        registry.answer = 503;
        EventSerdes serdes = new EventSerdes(registry);

        List<String> left = serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES, Topics.DEAD_LETTERS));

        assertThat(left).containsExactly("t.performance-changes", "t.dead-letters");
        registry.answer = 200;
        assertThat(serdes.avroValue(Topics.DEAD_LETTERS).serializer().register("t.dead-letters")).isPositive();
    }

    @Test
    void aSchemaTheRegistryRefusesFailsTheStartAsItsFirstWriteWould() {
        Switchable registry = new Switchable(new InMemorySchemaRegistry());
        registry.answer = 409;
        EventSerdes serdes = new EventSerdes(registry);

        assertThatThrownBy(() -> serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES)))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("t.performance-changes-value");
    }

    /** A registry that answers every call with {@link #answer} (an HTTP status; 0: unreachable) unless it is 200. */
    private static final class Switchable implements SchemaRegistry {
        private final SchemaRegistry registry;
        int answer = 200;

        Switchable(SchemaRegistry registry) {
            this.registry = registry;
        }

        private void call(String subject) {
            if (answer != 200) {
                throw new SchemaRegistryException(subject, "memory:", answer, answer == 409 ? 409 : 0,
                        answer == 0 ? "unreachable" : "refused", null);
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
}
