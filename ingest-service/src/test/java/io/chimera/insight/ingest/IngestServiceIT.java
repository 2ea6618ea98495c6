package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TopicContents;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service (watcher, ingestor, transactional publisher) on the embedded broker: stopped and
 * crashed mid-folder, then restarted with the same transactional id, it publishes every file exactly
 * once; a file changed under watch is published as a new version naming the one it replaces.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IngestServiceIT {

    /** Published by the first instance, which is then stopped. */
    private static final List<String> FIRST = List.of(
            "reports/gemma3/gemma3_270m_baseline.json",              // 5 runs
            "reports/ollama/20251002-151204/prompt_suite_runs.csv",  // 15 runs, all failed
            "reports/profiling/ncu_summary.csv");                    // rejected: 1 dead letter, no record
    /** The file the crashed instance was publishing when it died. */
    private static final String CRASHED = "reports/gemma3/gemma3_270m_param_tuning.csv"; // 36 runs
    /** Arrived while no instance ran. */
    private static final List<String> LATER = List.of(
            "reports/gemma3/gemma3_1b-it-qat_baseline.csv",          // 5 runs
            "demo_agent_runs/Demo_rust_agent_sweep__gpu60_ctx256_temp0p8/metrics.json"); // 2 runs, 2 summaries
    /** Runs and summaries of all six files, counted by hand (see the comments above). */
    private static final int RECORDS = 5 + 15 + 36 + 5 + 2 + 2;

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @TempDir
    Path folder;

    @Test
    void stoppedAndCrashedMidFolderThenRestartedEveryFileIsPublishedExactlyOnce() throws IOException {
        TopicNames names = topics("restart.");
        FIRST.forEach(this::copy);
        List<PublishOutcome> first = runUntilHandled(names, FIRST.size());
        assertThat(first).extracting(PublishOutcome::action).containsOnly(PublishOutcome.Action.PUBLISHED);

        copy(CRASHED);
        LATER.forEach(this::copy);
        crashWhilePublishing(names, CRASHED);

        List<PublishOutcome> second = runUntilHandled(names, 6);
        assertThat(second).filteredOn(PublishOutcome::published).extracting(PublishOutcome::path)
                .containsExactlyInAnyOrder(CRASHED, LATER.get(0), LATER.get(1));
        assertThat(second).filteredOn(o -> !o.published()).extracting(PublishOutcome::path)
                .containsExactlyInAnyOrderElementsOf(FIRST);
        assertThat(second).filteredOn(o -> o.path().equals(CRASHED)).singleElement()
                .satisfies(o -> assertThat(o.replacedSha256()).as("the crashed version never counted").isEmpty());

        List<String> published = List.of(FIRST.get(0), FIRST.get(1), FIRST.get(2), CRASHED, LATER.get(0), LATER.get(1));
        assertEachFileExactlyOnce(names, published);
        assertThat(TopicContents.readUncommitted(BROKER.settings(), names.of(Topics.BENCHMARK_FILES))
                .stream().filter(r -> r.value() != null).count())
                .as("the crashed transaction's file event is in the log, aborted").isEqualTo(7);

        List<PublishOutcome> third = runUntilHandled(names, 6);
        assertThat(third).extracting(PublishOutcome::action).containsOnly(PublishOutcome.Action.SKIPPED);
        assertEachFileExactlyOnce(names, published);
    }

    @Test
    void aFileChangedUnderWatchIsPublishedAsANewVersionReplacingTheOldOne() throws IOException {
        TopicNames names = topics("replace.");
        Path csv = folder.resolve("gemma3_4b_runs.csv");
        Files.writeString(csv, "ttft_ms,tokens_per_s\n100,50\n");
        List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (IngestService service = service(names, "replace", outcomes)) {
            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> published(outcomes).size() == 1);
            String firstSha = published(outcomes).get(0).sha256();

            Files.writeString(csv, "120,55\n", StandardOpenOption.APPEND);

            await().atMost(Duration.ofSeconds(60)).until(() -> published(outcomes).size() == 2);
            PublishOutcome second = published(outcomes).get(1);
            assertThat(second.replacedSha256()).contains(firstSha);
            assertThat(second.runs()).isEqualTo(2);
        }
        List<BenchmarkFile> files = values(names, Topics.BENCHMARK_FILES);
        assertThat(files).extracting(BenchmarkFile::getReplacesSha256)
                .containsExactly(null, published(outcomes).get(0).sha256());
        assertThat(files).extracting(BenchmarkFile::getRunCount).containsExactly(1, 2);
    }

    private static List<PublishOutcome> published(List<PublishOutcome> outcomes) {
        return outcomes.stream().filter(PublishOutcome::published).toList();
    }

    /** Runs a fresh instance with the shared transactional id until it has handled {@code files} files, then stops it. */
    private List<PublishOutcome> runUntilHandled(TopicNames names, int files) {
        List<PublishOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (IngestService service = service(names, "ingest-restart", outcomes)) {
            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream().map(PublishOutcome::path)
                    .distinct().count() == files);
            assertThat(service.isRunning()).isTrue();
        }
        return List.copyOf(outcomes);
    }

    /**
     * What a process killed in the middle of a file leaves behind: a transaction under the service's
     * transactional id holding that file's event, runs and state entry, sent but never committed or
     * aborted (a forced close sends no end marker).
     */
    private void crashWhilePublishing(TopicNames names, String relative) {
        IngestedFile file = TestCorpus.ingestor().ingest(folder, folder.resolve(relative));
        Outbox outbox = new Outbox(names, serdes());
        outbox.send(Topics.BENCHMARK_FILES, file.file().getFileId(), file.file());
        file.runs().forEach(run -> outbox.send(Topics.BENCHMARK_RUNS, run.getModel(), run));
        outbox.send(Topics.INGEST_STATE, file.path(), file.sha256());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                BROKER.settings().transactionalProducerProps("ingest-restart"));
        producer.initTransactions();
        producer.beginTransaction();
        for (ProducerRecord<byte[], byte[]> record : outbox.records()) {
            producer.send(record);
        }
        producer.flush();
        producer.close(Duration.ZERO);
    }

    private void assertEachFileExactlyOnce(TopicNames names, List<String> paths) {
        assertThat(values(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getPath)
                .containsExactlyInAnyOrderElementsOf(paths);
        List<BenchmarkRun> runs = values(names, Topics.BENCHMARK_RUNS);
        assertThat(runs).hasSize(RECORDS);
        assertThat(runs).extracting(BenchmarkRun::getRunId).doesNotHaveDuplicates();
        assertThat(values(names, Topics.INGEST_STATE)).hasSize(paths.size());
    }

    private IngestService service(TopicNames names, String transactionalId, List<PublishOutcome> outcomes) {
        TransactionalFilePublisher publisher = new TransactionalFilePublisher(
                new KafkaContext(BROKER.settings(), names, serdes()), transactionalId);
        return new IngestService(List.of(folder), WatchOptions.defaults().withSettle(Duration.ofMillis(100)),
                TestCorpus.ingestor(), publisher, outcomes::add);
    }

    private void copy(String relative) {
        try {
            Path target = folder.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.copy(TestCorpus.root().resolve(relative), target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static EventSerdes serdes() {
        return BROKER.serdes();
    }

    private static TopicNames topics(String prefix) {
        return BROKER.topics(prefix, 2);
    }

    private static <V> List<V> values(TopicNames names, Topic<V> topic) {
        EventSerdes readers = serdes();
        List<ConsumerRecord<byte[], byte[]>> records = TopicContents.readAll(BROKER.settings(), names.of(topic));
        return records.stream()
                .map(r -> readers.value(topic).deserializer().deserialize(names.of(topic), r.value()))
                .toList();
    }
}
