package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code chimera tail} as a platform team runs it: our topics as JSON lines, decoded through the registry. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TailCommandIT {

    private static final TopicNames NAMES = TopicNames.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void publish() throws Exception {
        stack = LocalStack.start();
        TopicAdmin.ensureTopics(stack.kafkaSettings(), NAMES, 1);
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(stack.kafkaSettings().producerProps("tail-test"))) {
            send(producer, serdes, Topics.REPORTS, "gemma3:270m", ReportGenerated.newBuilder().setReportId("r-1")
                    .setModel("gemma3:270m").setPath("reports/x/latest.md").setRuns(36).setFailedRuns(2)
                    .setTokensPerSP50(290.1).setBestConfig("num_ctx=\"4096\", temp=0.8").setAnalysisId("a-1")
                    .setStatus(ReportStatus.COMPLETE).setGeneratedAt(Instant.parse("2026-11-28T10:00:00Z")).build());
            send(producer, serdes, Topics.REPORTS, "llama3", ReportGenerated.newBuilder().setReportId("r-2")
                    .setModel("llama3").setRuns(5).setStatus(ReportStatus.NARRATIVE_PENDING).build());
            send(producer, serdes, Topics.DEAD_LETTERS, "a.bin", DeadLetter.newBuilder().setId("d-1")
                    .setSource("a.bin").setStage("ingest.read").setMessage("binary\nfile").build());
            send(producer, serdes, Topics.INGEST_STATE, "a.csv", "0123abcd");
            send(producer, serdes, Topics.PERFORMANCE_CHANGES, "gemma3:270m", PerformanceChange.newBuilder()
                    .setChangeId("c-1").setModel("gemma3:270m").setConfigKey("num_ctx=2048")
                    .setConfig(Map.of("num_ctx", "2048")).setMetric("tokens_per_s").setUnit("tokens/s")
                    .setDirection(ChangeDirection.REGRESSION)
                    .setBefore(ChangeSegment.newBuilder().setN(10).setMean(100.0).setCiLow(99.0).setCiHigh(101.0).build())
                    .setAfter(ChangeSegment.newBuilder().setN(10).setMean(88.0).build())
                    .setChangePercent(-12.0).setPValue(1e-9).setTest("Welch t").setFirstRunId("id-after.csv#row 0")
                    .setFirstRunPath("results/after.csv").build());
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, EventSerdes serdes, Topic<V> topic,
                                 String key, V value) throws Exception {
        String name = NAMES.of(topic);
        producer.send(new ProducerRecord<>(name, serdes.key().serializer().serialize(name, key),
                serdes.value(topic).serializer().serialize(name, value))).get();
    }

    private static List<JsonNode> tail(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("tail", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry", stack.schemaRegistryUrl()));
        all.addAll(List.of(args));
        assertThat(cli.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line)); // every line is one JSON document
            }
        }
        return lines;
    }

    @Test
    void printsEachRecordAsAJsonLineDecodedThroughTheRegistry() throws Exception {
        List<JsonNode> lines = tail("reports", "--from-beginning", "--max", "2");

        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.path("topic").asText()).isEqualTo("chimera.reports");
        assertThat(first.path("offset").asLong()).isZero();
        assertThat(first.path("key").asText()).isEqualTo("gemma3:270m");
        JsonNode report = first.path("value");
        assertThat(report.path("model").asText()).isEqualTo("gemma3:270m");
        assertThat(report.path("runs").asLong()).isEqualTo(36);
        assertThat(report.path("tokensPerSP50").asDouble()).isEqualTo(290.1);
        assertThat(report.path("bestConfig").asText()).isEqualTo("num_ctx=\"4096\", temp=0.8");
        assertThat(report.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(report.path("generatedAt").asLong()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z").toEpochMilli());
        assertThat(lines.get(1).path("value").path("ttftMsP50").isNull()).isTrue();
        assertThat(lines.get(1).path("value").path("status").asText()).isEqualTo("NARRATIVE_PENDING");
    }

    @Test
    void printsAPerformanceChangeWithItsSidesAndFirstRun() throws Exception {
        JsonNode change = tail("performance-changes", "--from-beginning", "--max", "1").get(0);

        assertThat(change.path("topic").asText()).isEqualTo("chimera.performance-changes");
        assertThat(change.path("key").asText()).isEqualTo("gemma3:270m");
        JsonNode value = change.path("value");
        assertThat(value.path("kind").asText()).isEqualTo("CHANGE");
        assertThat(value.path("direction").asText()).isEqualTo("REGRESSION");
        assertThat(value.path("before").path("mean").asDouble()).isEqualTo(100.0);
        assertThat(value.path("after").path("ciLow").isNull()).isTrue();
        assertThat(value.path("changePercent").asDouble()).isEqualTo(-12.0);
        assertThat(value.path("firstRunPath").asText()).isEqualTo("results/after.csv");
    }

    @Test
    void maxStopsAfterThatManyRecords() throws Exception {
        assertThat(tail("reports", "--from-beginning", "--max", "1")).singleElement()
                .satisfies(line -> assertThat(line.path("value").path("model").asText()).isEqualTo("gemma3:270m"));
    }

    @Test
    void textInValuesIsEscapedAndPlainTopicsPrintTheirString() throws Exception {
        JsonNode letter = tail("dead-letters", "--from-beginning", "--max", "1").get(0);
        JsonNode state = tail("ingest-state", "--from-beginning", "--max", "1").get(0);

        assertThat(letter.path("value").path("message").asText()).isEqualTo("binary\nfile");
        assertThat(state.path("key").asText()).isEqualTo("a.csv");
        assertThat(state.path("value").asText()).isEqualTo("0123abcd");
    }

    @Test
    void withoutFromBeginningOnlyNewRecordsArePrinted() throws Exception {
        assertThat(tail("reports", "--idle-timeout", "1")).isEmpty();
    }
}
