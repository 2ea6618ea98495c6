package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TopicContents;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.watch.FolderWatcher;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.RetryPolicy;
import io.chimera.insight.platform.ops.OpsEndpoint;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No poison loop under the watching ingest service: a file the cluster refuses is dead-lettered after
 * one attempt, and a file that fails for a reason that may pass is retried a bounded number of times,
 * with growing delays and {@code /health} saying DEGRADED meanwhile, then dead-lettered.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IngestPoisonIT {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @TempDir
    Path folder;

    private final List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Logger watcherLog = (Logger) LoggerFactory.getLogger(FolderWatcher.class);
    private final ListAppender<ILoggingEvent> retries = new ListAppender<>();

    @BeforeEach
    void listenToTheWatcher() {
        retries.start();
        watcherLog.addAppender(retries);
    }

    @AfterEach
    void stopListening() {
        watcherLog.detachAppender(retries);
    }

    @Test
    void aFileTooLargeToPublishIsDeadLetteredAfterOneAttemptAndTheOthersArePublished() throws IOException {
        TopicNames names = BROKER.topics("poison-large.", 1);
        write("gemma3_1b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n");
        // 40,000 random letters in one failed run's error: one record far over the 20,000-byte request limit.
        Random random = new Random(11);
        StringBuilder error = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            error.append((char) ('a' + random.nextInt(26)));
        }
        write("gemma3_4b_runs.csv", "ttft_ms,tokens_per_s,error\n,," + error + "\n");
        write("llama3_8b_runs.csv", "ttft_ms,tokens_per_s\n300,20\n");
        KafkaSettings small = settings(Map.of("max.request.size", "20000"));
        // A short retry delay: were the file retried, it would be at once.
        RetryPolicy quick = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(50), 3, 0);

        try (IngestService service = service(small, names, "ingest-poison-large", quick)) {
            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() == 3);
            assertThat(service.health()).isEqualTo(ServiceHealth.UP);
        }

        assertThat(outcomes).filteredOn(o -> o.path().equals("gemma3_4b_runs.csv")).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo(PublishOutcome.Action.DEAD_LETTERED));
        assertThat(outcomes).filteredOn(o -> !o.path().equals("gemma3_4b_runs.csv"))
                .extracting(PublishOutcome::action).containsOnly(PublishOutcome.Action.PUBLISHED);
        assertThat(offeredAgain()).as("the refused file was never offered again").isEmpty();
        assertThat(values(names, Topics.DEAD_LETTERS)).singleElement().satisfies(letter -> {
            assertThat(letter.getSource()).isEqualTo("gemma3_4b_runs.csv");
            assertThat(letter.getStage()).isEqualTo(TransactionalFilePublisher.STAGE);
            assertThat(letter.getErrorClass()).endsWith("RecordTooLargeException");
            assertThat(letter.getMessage()).contains("max.request.size");
        });
        assertThat(values(names, Topics.BENCHMARK_FILES)).filteredOn(f -> f.getPath().equals("gemma3_4b_runs.csv"))
                .extracting(BenchmarkFile::getStatus).containsExactly(FileStatus.REJECTED);
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.INGEST_STATE))).hasSize(3);
    }

    @Test
    void aFileThatKeepsFailingIsRetriedWithGrowingDelaysWhileHealthSaysDegradedThenDeadLettered()
            throws Exception {
        TopicNames names = BROKER.topics("poison-transient.", 1);
        // Sends to a topic that is gone wait for its metadata this long, then time out: the cluster's fault.
        KafkaSettings impatient = settings(Map.of("max.block.ms", "1000"));
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(300), Duration.ofMillis(600), 3, 0);
        HttpClient http = HttpClient.newHttpClient();
        List<String> healthSeen = new CopyOnWriteArrayList<>();

        try (IngestService service = service(impatient, names, "ingest-poison-transient", policy);
             OpsEndpoint ops = OpsEndpoint.forService("ingest", 0);
             Admin admin = Admin.create(BROKER.settings().adminProps())) {
            ops.watch(service);
            service.start();
            admin.deleteTopics(List.of(names.of(Topics.BENCHMARK_RUNS))).all().get();
            write("gemma3_1b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(ops.healthUri()).build(),
                        HttpResponse.BodyHandlers.ofString());
                healthSeen.add(health.statusCode() + " " + health.body());
                return !outcomes.isEmpty();
            });
            assertThat(service.health()).as("nothing is failing any more").isEqualTo(ServiceHealth.UP);
        }

        assertThat(healthSeen).anySatisfy(seen -> assertThat(seen).startsWith("200 ")
                .contains("\"status\":\"DEGRADED\"").contains("1 file failing to publish")
                .contains("not present in metadata"));
        // Three attempts: two failures offered again after the policy's growing delays, the third given up.
        assertThat(offeredAgain())
                .allSatisfy(line -> assertThat(line).contains("gemma3_1b_runs.csv"))
                .satisfiesExactly(
                        first -> assertThat(first).contains("trying again in 300 ms"),
                        second -> assertThat(second).contains("trying again in 600 ms"));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(PublishOutcome.Action.DEAD_LETTERED);
            assertThat(o.fileStatus()).isEqualTo(FileStatus.REJECTED);
        });
        assertThat(values(names, Topics.DEAD_LETTERS)).singleElement().satisfies(letter -> {
            assertThat(letter.getErrorClass()).endsWith("TimeoutException");
            assertThat(letter.getMessage()).startsWith("gave up after 3 attempts: ");
        });
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.INGEST_STATE))).hasSize(1);
    }

    /** The watcher's lines saying a file is offered again, and when. */
    private List<String> offeredAgain() {
        return retries.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("could not be handled")).toList();
    }

    private IngestService service(KafkaSettings settings, TopicNames names, String transactionalId,
                                  RetryPolicy retry) {
        TransactionalFilePublisher publisher = new TransactionalFilePublisher(
                new KafkaContext(settings, names, BROKER.serdes()), transactionalId);
        return new IngestService(List.of(folder), WatchOptions.defaults().withSettle(Duration.ofMillis(100)),
                TestCorpus.ingestor(), publisher, IngestTuning.defaults(), retry, outcomes::add);
    }

    private static KafkaSettings settings(Map<String, String> overrides) {
        return new KafkaSettings(BROKER.settings().bootstrapServers(), BROKER.schemaRegistryUrl(), overrides);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }

    private static <V> List<V> values(TopicNames names, Topic<V> topic) {
        return TopicContents.readAll(BROKER.settings(), names.of(topic)).stream()
                .map(r -> BROKER.serdes().value(topic).deserializer().deserialize(names.of(topic), r.value()))
                .toList();
    }
}
