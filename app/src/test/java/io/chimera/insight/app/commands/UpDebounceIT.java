package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline {@code chimera up} starts really waits the {@code --debounce} it was given: with one
 * far longer than the default, a model's metrics are published at once but its analysis is not
 * requested, where the default would have requested it long before the test stops looking.
 */
class UpDebounceIT {

    private static final Duration LOOK = AggregationSettings.DEFAULT_DEBOUNCE.multipliedBy(3);

    @TempDir
    Path dir;

    @Test
    void aModelIsNotAnalysedBeforeTheDebounceGivenToUp() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        Files.writeString(watched.resolve("gemma3_1b_runs.csv"), "ttft_ms,tokens_per_s\n100,50\n120,48\n");
        CommandLine cli = ChimeraCli.commandLine();
        cli.parseArgs("up", "--watch", watched.toString(), "--data-dir", dir.resolve("data").toString(),
                "--reports", dir.resolve("reports").toString(),
                "--http-port", "0", "--query-port", "-1", "--llm", "http://127.0.0.1:9",
                "--debounce", "600000", "--max-delay", "600000");
        UpCommand up = cli.getSubcommands().get("up").getCommand();

        try (LocalPipeline pipeline = LocalPipeline.start(up.pipelineOptions())) {
            ServiceFactory services = pipeline.factory();
            assertThat(services.ingestOnce(up.ingest.target("up-debounce"), new CorpusScanner().scan(watched),
                    done -> { }).runs()).isEqualTo(2);
            try (Outputs outputs = new Outputs(services.kafka())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> outputs.poll().metrics > 0);
                long lookUntil = System.nanoTime() + LOOK.toNanos();
                while (System.nanoTime() < lookUntil) {
                    outputs.poll();
                }
                assertThat(outputs.requests).as("analysis requests within %s of the metrics", LOOK).isZero();
            }
        }
    }

    /** Counts what the aggregation committed on model-metrics and analysis-requests. */
    private static final class Outputs implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String metricsTopic;
        private int metrics;
        private int requests;

        Outputs(KafkaContext kafka) {
            Properties props = kafka.settings().consumerProps("up-debounce-it");
            props.remove("group.id");
            consumer = new KafkaConsumer<>(props);
            metricsTopic = kafka.names().of(Topics.MODEL_METRICS);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(metricsTopic, kafka.names().of(Topics.ANALYSIS_REQUESTS))) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Outputs poll() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(metricsTopic)) {
                    metrics++;
                } else {
                    requests++;
                }
            }
            return this;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
