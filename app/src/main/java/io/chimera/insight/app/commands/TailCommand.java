package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.serde.GenericAvroDeserializer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints one of our topics as JSON lines, decoded through the schema registry. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON lines (one per record), decoded through the schema registry.",
            "TOPIC is a base name (benchmark-files, benchmark-runs, ingest-state, model-metrics, performance-changes,",
            "analysis-requests, analysis-results, reports, generation-metrics, dead-letters) or a full topic name."})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to print.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones only.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop when no record arrived for this long (default: run until interrupted).")
    Integer idleTimeoutSeconds;

    @Override
    public Integer call() {
        KafkaSettings settings = cluster.requireSettings();
        TopicNames names = cluster.topicNames();
        Optional<Topic<?>> known = Topics.byBaseName(topic);
        String fullName = known.map(names::of).orElse(topic);
        boolean avro = known.map(t -> t.valueType() != String.class).orElse(true);
        GenericAvroDeserializer decoder = new GenericAvroDeserializer(
                Registries.client(settings, cluster.registryUser(), cluster.registryPassword()));
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        Instant lastRecord = Instant.now();
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(settings.consumerProps("chimera-tail"),
                List.of(fullName), Duration.ofSeconds(15), MissingTopic.FAIL)) {
            if (!fromBeginning) {
                reader.skipToEnd();
            }
            while (max == null || printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    out.println(jsonLine(record, avro ? decoder : null));
                    out.flush();
                    lastRecord = Instant.now();
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
                if (idleTimeoutSeconds != null
                        && Duration.between(lastRecord, Instant.now()).getSeconds() >= idleTimeoutSeconds) {
                    break;
                }
            }
        }
        return 0;
    }

    private static String jsonLine(ConsumerRecord<byte[], byte[]> record, GenericAvroDeserializer decoder) {
        String key = record.key() == null ? "null" : GenericData.get().toString(
                new String(record.key(), StandardCharsets.UTF_8));
        String value;
        if (record.value() == null) {
            value = "null";
        } else if (decoder == null) {
            value = GenericData.get().toString(new String(record.value(), StandardCharsets.UTF_8));
        } else {
            GenericRecord decoded = decoder.deserialize(record.topic(), record.value());
            value = GenericData.get().toString(decoded);
        }
        return "{\"topic\": \"" + record.topic() + "\", \"partition\": " + record.partition() + ", \"offset\": "
                + record.offset() + ", \"timestamp\": " + record.timestamp() + ", \"key\": " + key
                + ", \"value\": " + value + "}";
    }
}
