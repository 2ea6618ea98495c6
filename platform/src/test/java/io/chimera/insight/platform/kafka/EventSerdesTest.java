package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.FaultySchemaRegistry;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EventSerdes#registerValueSchemas}: the schemas a service writes, registered as it starts. */
class EventSerdesTest {

    private static final TopicNames NAMES = new TopicNames("t.");

    @Test
    void registersEachAvroTopicsValueSchemaAndTheWritesAfterNeedNoRegistry() {
        FaultySchemaRegistry registry = new FaultySchemaRegistry(new InMemorySchemaRegistry());
        EventSerdes serdes = new EventSerdes(registry);

        List<String> left = serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES, Topics.INGEST_STATE,
                Topics.MODEL_METRICS));

        assertThat(left).isEmpty();
        assertThat(registry.subjects()).containsExactly("t.performance-changes-value", "t.model-metrics-value");
        int id = registry.latest("t.performance-changes-value").id();
        registry.unreachable(); // the registry restarting: a write now must not need it
        assertThat(serdes.avroValue(Topics.PERFORMANCE_CHANGES).serializer().register("t.performance-changes"))
                .isEqualTo(id);
    }

    @Test
    void aRegistryThatCannotAnswerLeavesTheTopicsToTheirFirstWrite() {
        FaultySchemaRegistry registry = new FaultySchemaRegistry(new InMemorySchemaRegistry());
        registry.failWith(503);
        EventSerdes serdes = new EventSerdes(registry);

        List<String> left = serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES, Topics.DEAD_LETTERS));

        assertThat(left).containsExactly("t.performance-changes", "t.dead-letters");
        registry.answer();
        assertThat(serdes.avroValue(Topics.DEAD_LETTERS).serializer().register("t.dead-letters")).isPositive();
    }

    @Test
    void aSchemaTheRegistryRefusesFailsTheStartAsItsFirstWriteWould() {
        FaultySchemaRegistry registry = new FaultySchemaRegistry(new InMemorySchemaRegistry());
        registry.failWith(409);
        EventSerdes serdes = new EventSerdes(registry);

        assertThatThrownBy(() -> serdes.registerValueSchemas(NAMES, List.of(Topics.PERFORMANCE_CHANGES)))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("t.performance-changes-value");
    }
}
