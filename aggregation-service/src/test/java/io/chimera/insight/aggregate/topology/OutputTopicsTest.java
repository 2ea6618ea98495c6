package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * {@link AggregationTopology#OUTPUT_TOPICS}, whose schemas the service registers as it starts, names
 * every topic the topology writes: a sink left out would meet the registry first in a punctuation.
 */
class OutputTopicsTest {

    @Test
    void theOutputTopicsAreExactlyTheTopologysSinks() {
        TopicNames names = new TopicNames("out.");
        TopologyDescription description = AggregationTopology.build(names,
                AggregationSerdes.from(new EventSerdes(new InMemorySchemaRegistry())), AggregationSettings.defaults())
                .describe();
        Set<String> sinks = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Sink sink) {
                sinks.add(sink.topic());
            }
        }));

        Set<String> outputs = new TreeSet<>();
        AggregationTopology.OUTPUT_TOPICS.forEach(topic -> outputs.add(names.of(topic)));
        assertThat(sinks).isNotEmpty().isEqualTo(outputs);
    }
}
