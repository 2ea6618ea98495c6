package io.chimera.insight.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The aggregation's stream threads: one unless asked, never fewer than one, and what the service's Streams
 * configuration (the bench's minimal aggregate's too) asks for.
 */
class StreamThreadsSettingTest {

    @Test
    void settingsThatDoNotSayRunOneThread() {
        assertThat(AggregationSettings.defaults().streamThreads()).isEqualTo(1);
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThat(AggregationSettings.defaults().withStreamThreads(3).streamThreads()).isEqualTo(3);
        for (int fewer : new int[] {0, -1}) {
            assertThatThrownBy(() -> AggregationSettings.defaults().withStreamThreads(fewer))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("streamThreads must be at least 1, was " + fewer);
        }
    }

    @Test
    void theServicesStreamsConfigurationAsksForTheThreadsGiven() {
        KafkaContext kafka = new KafkaContext(new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081"),
                TopicNames.defaults(), new EventSerdes(new InMemorySchemaRegistry()));

        for (int threads : new int[] {1, 2, 5}) {
            StreamsConfig config = new StreamsConfig(AggregationService.streamsProps(kafka, "app", Path.of("state"), 0,
                    threads));
            assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(threads);
        }
    }
}
