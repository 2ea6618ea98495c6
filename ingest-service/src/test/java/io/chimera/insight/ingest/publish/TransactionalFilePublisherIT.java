package io.chimera.insight.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.EmbeddedBroker;
import io.chimera.insight.ingest.TestCorpus;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransactionalFilePublisherIT {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @TempDir
    Path folder;

    private final FileIngestor ingestor = TestCorpus.ingestor();

    @Test
    void publishingAFolderTwicePublishesEachFileOnceAndRecordsDecodeThroughTheRegistry() throws IOException {
        TopicNames names = topics("twice.");
        copy("reports/gemma3/gemma3_270m_baseline.json");
        copy("reports/ollama/20251002-151204/prompt_suite_runs.csv");
        copy("reports/profiling/ncu_summary.csv");

        List<PublishOutcome> first = publishFolder(names, "ingest-twice");
        List<PublishOutcome> second = publishFolder(names, "ingest-twice"); // a restart: state read back from Kafka

        assertThat(first).extracting(PublishOutcome::action).containsOnly(PublishOutcome.Action.PUBLISHED);
        assertThat(first).extracting(PublishOutcome::path).containsExactly(
                "reports/gemma3/gemma3_270m_baseline.json",
                "reports/ollama/20251002-151204/prompt_suite_runs.csv",
                "reports/profiling/ncu_summary.csv");
        assertThat(first).extracting(PublishOutcome::runs).containsExactly(5, 15, 0);
        assertThat(first).extracting(PublishOutcome::deadLetters).containsExactly(0, 0, 1);
        assertThat(second).extracting(PublishOutcome::action).containsOnly(PublishOutcome.Action.SKIPPED);

        // A fresh registry client: the values must resolve by the schema ids written in them.
        EventSerdes readers = BROKER.serdes();
        List<BenchmarkFile> files = values(names, Topics.BENCHMARK_FILES, readers);
        assertThat(files).extracting(BenchmarkFile::getPath).containsExactly(
                "reports/gemma3/gemma3_270m_baseline.json",
                "reports/ollama/20251002-151204/prompt_suite_runs.csv",
                "reports/profiling/ncu_summary.csv");
        assertThat(files).extracting(BenchmarkFile::getStatus)
                .containsExactly(FileStatus.ACCEPTED, FileStatus.ACCEPTED, FileStatus.REJECTED);
        assertThat(files).extracting(BenchmarkFile::getReplacesSha256).containsOnlyNulls();

        IngestedFile baseline = ingestor.ingest(folder, folder.resolve("reports/gemma3/gemma3_270m_baseline.json"));
        List<ConsumerRecord<byte[], byte[]>> runRecords = TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_RUNS));
        assertThat(runRecords).hasSize(20);
        Map<String, BenchmarkRun> runsById = decode(runRecords, names, Topics.BENCHMARK_RUNS, readers).stream()
                .collect(Collectors.toMap(BenchmarkRun::getRunId, Function.identity()));
        BenchmarkRun expected = baseline.runs().get(0);
        assertThat(runsById.get(expected.getRunId())).isEqualTo(expected);
        assertThat(keys(runRecords, readers)).contains("gemma3:270m", "llama3.1:8b-instruct-q8_0");

        List<DeadLetter> deadLetters = values(names, Topics.DEAD_LETTERS, readers);
        assertThat(deadLetters).singleElement().satisfies(dl -> {
            assertThat(dl.getSource()).isEqualTo("reports/profiling/ncu_summary.csv");
            assertThat(dl.getErrorClass()).isEqualTo("ErrorMessageOnly");
        });
        assertThat(values(names, Topics.INGEST_STATE, readers)).hasSize(3);
    }

    @Test
    void changedFileIsRepublishedWithTheShaItReplaces() throws IOException {
        TopicNames names = topics("changed.");
        Path csv = folder.resolve("gemma3_4b_runs.csv");
        Files.writeString(csv, "ttft_ms,tokens_per_s\n100,50\n");
        String firstSha;
        try (TransactionalFilePublisher publisher = publisher(names, "ingest-changed")) {
            PublishOutcome v1 = publisher.publish(ingestor.ingest(folder, csv));
            firstSha = v1.sha256();
            assertThat(v1.replacedSha256()).isEmpty();
        }
        Files.writeString(csv, "120,55\n", StandardOpenOption.APPEND);

        PublishOutcome v2;
        try (TransactionalFilePublisher publisher = publisher(names, "ingest-changed")) {
            assertThat(publisher.publishedSha256("gemma3_4b_runs.csv")).contains(firstSha);
            v2 = publisher.publish(ingestor.ingest(folder, csv));
        }

        assertThat(v2.action()).isEqualTo(PublishOutcome.Action.PUBLISHED);
        assertThat(v2.replacedSha256()).contains(firstSha);
        assertThat(v2.sha256()).isNotEqualTo(firstSha);
        EventSerdes readers = BROKER.serdes();
        List<BenchmarkFile> files = values(names, Topics.BENCHMARK_FILES, readers);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).getReplacesSha256()).isNull();
        assertThat(files.get(1).getReplacesSha256()).isEqualTo(firstSha);
        assertThat(files.get(1).getSha256()).isEqualTo(v2.sha256());
        assertThat(files.get(1).getRunCount()).isEqualTo(2);
        assertThat(values(names, Topics.BENCHMARK_RUNS, readers)).extracting(BenchmarkRun::getFileSha256)
                .containsExactly(firstSha, v2.sha256(), v2.sha256());
        assertThat(values(names, Topics.INGEST_STATE, readers)).containsExactly(firstSha, v2.sha256());
    }

    @Test
    void oneTransactionCarriesSeveralWholeFiles() throws IOException {
        TopicNames names = topics("batched.");
        Path a = write("gemma3_1b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n110,52\n");
        Path b = write("gemma3_4b_runs.csv", "ttft_ms,tokens_per_s\n200,30\n");
        Path c = write("llama3_8b_runs.csv", "ttft_ms,tokens_per_s\n300,20\n310,21\n320,22\n");

        List<Publication> publications;
        try (TransactionalFilePublisher publisher = publisher(names, "ingest-batched")) {
            publications = publisher.publishAll(List.of(ingest(a), ingest(b), ingest(c)));
        }

        assertThat(publications).allSatisfy(p -> assertThat(p).isInstanceOf(Publication.Done.class));
        assertThat(publications).extracting(p -> ((Publication.Done) p).outcome().runs()).containsExactly(2, 1, 3);
        // One transaction writes one commit marker per partition, after its last record: the three file
        // events sit at consecutive offsets. Three transactions would leave a marker between each two.
        List<ConsumerRecord<byte[], byte[]>> fileRecords = TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_FILES));
        assertThat(fileRecords).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
        EventSerdes readers = BROKER.serdes();
        assertThat(values(names, Topics.BENCHMARK_RUNS, readers)).extracting(BenchmarkRun::getFileId)
                .containsExactly(id(a), id(a), id(b), id(c), id(c), id(c));
        assertThat(values(names, Topics.INGEST_STATE, readers)).hasSize(3);
    }

    @Test
    void aPathGivenTwiceInOneTransactionIsTwoVersionsTheSecondReplacingTheFirst() throws IOException {
        TopicNames names = topics("twice-in-one.");
        Path csv = write("gemma3_4b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n");
        IngestedFile v1 = ingest(csv);
        Files.writeString(csv, "120,55\n", StandardOpenOption.APPEND);
        IngestedFile v2 = ingest(csv);

        List<Publication> publications;
        try (TransactionalFilePublisher publisher = publisher(names, "ingest-twice-in-one")) {
            publications = publisher.publishAll(List.of(v1, v2, v2));
        }

        List<PublishOutcome> outcomes = publications.stream().map(p -> ((Publication.Done) p).outcome()).toList();
        assertThat(outcomes).extracting(PublishOutcome::action).containsExactly(PublishOutcome.Action.PUBLISHED,
                PublishOutcome.Action.PUBLISHED, PublishOutcome.Action.SKIPPED);
        assertThat(outcomes.get(0).replacedSha256()).isEmpty();
        assertThat(outcomes.get(1).replacedSha256()).contains(v1.sha256());
        EventSerdes readers = BROKER.serdes();
        assertThat(values(names, Topics.BENCHMARK_FILES, readers)).extracting(BenchmarkFile::getReplacesSha256)
                .containsExactly(null, v1.sha256());
        assertThat(values(names, Topics.INGEST_STATE, readers)).containsExactly(v1.sha256(), v2.sha256());
    }

    @Test
    void aFileTheClusterRefusesIsDeadLetteredAloneAtOnceAndTheOthersArePublished() throws IOException {
        TopicNames names = topics("refused.");
        Path before = write("gemma3_1b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n");
        // A failed run keeps its error text whole: 40,000 random letters make one record far over
        // the 20,000-byte request limit this publisher is given, compressed or not.
        Random random = new Random(7);
        StringBuilder error = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            error.append((char) ('a' + random.nextInt(26)));
        }
        Path huge = write("gemma3_4b_runs.csv", "ttft_ms,tokens_per_s,error\n,," + error + "\n");
        Path after = write("llama3_8b_runs.csv", "ttft_ms,tokens_per_s\n300,20\n");
        KafkaSettings small = new KafkaSettings(BROKER.settings().bootstrapServers(), BROKER.schemaRegistryUrl(),
                Map.of("max.request.size", "20000"));
        EventSerdes serdes = BROKER.serdes();

        List<Publication> publications;
        try (TransactionalFilePublisher publisher = new TransactionalFilePublisher(
                new KafkaContext(small, names, serdes), "ingest-refused")) {
            publications = publisher.publishAll(List.of(ingest(before), ingest(huge), ingest(after)));
            // Its state is recorded: the same version is never offered again.
            assertThat(publisher.publishedSha256("gemma3_4b_runs.csv")).hasValue(ingest(huge).sha256());
            assertThat(publisher.publishedSha256("llama3_8b_runs.csv")).isPresent();
        }

        assertThat(publications).allSatisfy(p -> assertThat(p).isInstanceOf(Publication.Done.class));
        assertThat(publications).extracting(p -> ((Publication.Done) p).outcome().action()).containsExactly(
                PublishOutcome.Action.PUBLISHED, PublishOutcome.Action.DEAD_LETTERED, PublishOutcome.Action.PUBLISHED);
        EventSerdes readers = BROKER.serdes();
        assertThat(values(names, Topics.BENCHMARK_FILES, readers)).extracting(BenchmarkFile::getPath)
                .containsExactlyInAnyOrder("gemma3_1b_runs.csv", "gemma3_4b_runs.csv", "llama3_8b_runs.csv");
        assertThat(values(names, Topics.BENCHMARK_FILES, readers)).filteredOn(f -> f.getPath().equals("gemma3_4b_runs.csv"))
                .singleElement().satisfies(f -> {
                    assertThat(f.getStatus()).isEqualTo(FileStatus.REJECTED);
                    assertThat(f.getStatusReason()).contains("max.request.size");
                    assertThat(f.getRunCount()).isZero();
                });
        assertThat(values(names, Topics.DEAD_LETTERS, readers)).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo(TransactionalFilePublisher.STAGE);
            assertThat(letter.getSource()).isEqualTo("gemma3_4b_runs.csv");
            assertThat(letter.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
            assertThat(letter.getMessage()).contains("max.request.size");
        });
        assertThat(values(names, Topics.BENCHMARK_RUNS, readers)).extracting(BenchmarkRun::getFileId)
                .containsExactly(id(before), id(after));
        assertThat(values(names, Topics.INGEST_STATE, readers)).hasSize(3);
    }

    @Test
    void whenTheClusterFailsTheTransactionEveryFileFailsAtOnceWithoutTryingThemOneByOne() throws Exception {
        TopicNames names = topics("cluster-fails.");
        Path a = write("gemma3_1b_runs.csv", "ttft_ms,tokens_per_s\n100,50\n");
        Path b = write("gemma3_4b_runs.csv", "ttft_ms,tokens_per_s\n200,30\n");
        Path c = write("llama3_8b_runs.csv", "ttft_ms,tokens_per_s\n300,20\n");
        // Sends to a topic that is gone wait for its metadata, then time out: the cluster's fault, no file's.
        KafkaSettings impatient = new KafkaSettings(BROKER.settings().bootstrapServers(), BROKER.schemaRegistryUrl(),
                Map.of("max.block.ms", "1500"));
        List<Publication> publications;
        try (TransactionalFilePublisher publisher = new TransactionalFilePublisher(
                new KafkaContext(impatient, names, BROKER.serdes()), "ingest-cluster-fails");
             Admin admin = Admin.create(BROKER.settings().adminProps())) {
            publisher.start();
            admin.deleteTopics(List.of(names.of(Topics.BENCHMARK_RUNS))).all().get();
            publications = publisher.publishAll(List.of(ingest(a), ingest(b), ingest(c)));
            assertThat(publisher.publishedSha256("gemma3_1b_runs.csv")).isEmpty();
        }

        assertThat(publications).allSatisfy(p -> assertThat(p).isInstanceOf(Publication.Failed.class));
        // One shared failure: tried one by one, each file would have failed with an error of its own.
        assertThat(publications.stream().map(p -> ((Publication.Failed) p).error()).distinct()).hasSize(1);
        assertThat(((Publication.Failed) publications.get(0)).error()).hasMessageContaining("3 files")
                .satisfies(error -> assertThat(error.permanent()).isFalse());
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_FILES))).isEmpty();
    }

    @Test
    void eachDeadLetterIsLoggedOnceAtWarnWhenItIsPublished() throws IOException {
        TopicNames names = topics("logged.");
        Path csv = folder.resolve("llama3_runs.csv");
        Files.writeString(csv, "ttft_ms,tokens_per_s\n10,20\n30\n40,50\n"); // row 3 has one field of two
        Logger logger = (Logger) LoggerFactory.getLogger(TransactionalFilePublisher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            try (TransactionalFilePublisher publisher = publisher(names, "ingest-logged")) {
                publisher.publish(ingestor.ingest(folder, csv));
                publisher.publish(ingestor.ingest(folder, csv)); // unchanged: skipped, nothing new to say
            }
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("dead letter: llama3_runs.csv row 3 [ingest.parse InconsistentRow]: ");
    }

    private List<PublishOutcome> publishFolder(TopicNames names, String transactionalId) {
        try (TransactionalFilePublisher publisher = publisher(names, transactionalId)) {
            return new CorpusScanner().scan(folder).stream()
                    .map((ScannedFile f) -> publisher.publish(ingestor.ingest(f.root(), f.file())))
                    .toList();
        }
    }

    private static TransactionalFilePublisher publisher(TopicNames names, String transactionalId) {
        return BROKER.publisher(names, transactionalId);
    }

    private static TopicNames topics(String prefix) {
        return BROKER.topics(prefix, 1);
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private IngestedFile ingest(Path file) {
        return ingestor.ingest(folder, file);
    }

    private String id(Path file) {
        return ingest(file).file().getFileId();
    }

    private void copy(String corpusPath) throws IOException {
        Path target = folder.resolve(corpusPath);
        Files.createDirectories(target.getParent());
        Files.copy(TestCorpus.root().resolve(corpusPath), target);
    }

    private static <V> List<V> values(TopicNames names, Topic<V> topic, EventSerdes readers) {
        return decode(TopicContents.readAll(BROKER.settings(), names.of(topic)), names, topic, readers);
    }

    private static <V> List<V> decode(List<ConsumerRecord<byte[], byte[]>> records, TopicNames names, Topic<V> topic,
                                      EventSerdes readers) {
        return records.stream()
                .map(r -> readers.value(topic).deserializer().deserialize(names.of(topic), r.value()))
                .toList();
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records, EventSerdes readers) {
        return records.stream().map(r -> readers.key().deserializer().deserialize("", r.key())).toList();
    }
}
