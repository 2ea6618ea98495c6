package io.chimera.insight.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.ops.OpsRegistry;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.report.render.ReportFixtures;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report service on the embedded broker and registry: an analysis result in, a report with
 * charts and inventory on disk, and report and generation-metrics events out that decode through
 * the registry and carry the figures of the input.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReportServiceBrokerIT {

    private static LocalStack stack;
    private static final TopicNames NAMES = TopicNames.defaults();

    @TempDir
    Path reports;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start();
        TopicAdmin.ensureTopics(stack.kafkaSettings(), NAMES, 1);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void anAnalysisResultBecomesAReportAndTwoEventsWithItsFigures() throws Exception {
        KafkaSettings settings = stack.kafkaSettings();
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        Instant read = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        Instant oldestRun = Instant.now().minus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.MILLIS);
        AnalysisResult analysis = AnalysisResult.newBuilder(ReportFixtures.complete())
                .setOldestPendingIngestAt(oldestRun).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProps("test-feed"))) {
            send(producer, serdes, Topics.BENCHMARK_FILES, "f1", BenchmarkFile.newBuilder().setFileId("f1")
                    .setPath(ReportFixtures.CSV).setSha256("abc").setFormat(FileFormat.CSV).setSizeBytes(4210)
                    .setModifiedAt(Instant.parse("2026-11-27T18:00:00Z")).setIngestedAt(read).setRunCount(3)
                    .setFailedRunCount(1).setStatus(FileStatus.PARTIAL).build());
            for (String row : List.of("row 7", "row 9")) {
                send(producer, serdes, Topics.DEAD_LETTERS, ReportFixtures.CSV, DeadLetter.newBuilder().setId(row)
                        .setSource(ReportFixtures.CSV).setStage("ingest.parse").setLocator(row)
                        .setAt(read.plusMillis(3)).build());
            }
            String topic = NAMES.of(Topics.ANALYSIS_RESULTS);
            producer.send(new ProducerRecord<>(topic, "junk".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
            send(producer, serdes, Topics.ANALYSIS_RESULTS, analysis.getModel(), analysis);
        }

        ReportGenerated report;
        GenerationMetrics generation;
        try (OpsRegistry ops = OpsRegistry.shared();
             ReportService service = new ReportService(new KafkaContext(settings, NAMES, serdes), reports,
                     "report-test", ops.pipeline("report"))) {
            service.start();
            HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
            report = readOne(settings, Topics.REPORTS, AvroSerde.forValue(fresh, ReportGenerated.class));
            generation = readOne(settings, Topics.GENERATION_METRICS, AvroSerde.forValue(fresh,
                    GenerationMetrics.class));
            assertThat(service.isRunning()).isTrue();
            String metrics = awaitScrape(ops, "chimera_reports_written_total{service=\"report\",status=\"COMPLETE\"} 1.0");
            assertThat(metrics)
                    .contains("chimera_report_lag_seconds_count{service=\"report\"} 1")
                    .contains("chimera_dead_letters_total{service=\"report\",stage=\"report\"} 1.0")
                    .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*service=\"report\"");
        }

        Path folder = new ReportStore(reports).folderOf("gemma3:270m");
        byte[] markdown = Files.readAllBytes(folder.resolve("latest.md"));
        assertThat(report.getModel()).isEqualTo("gemma3:270m");
        assertThat(report.getPath()).isEqualTo(folder.resolve("latest.md").toString());
        assertThat(report.getJsonPath()).isEqualTo(folder.resolve("latest.json").toString());
        assertThat(report.getSha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(markdown)));
        assertThat(report.getBytes()).isEqualTo(markdown.length);
        assertThat(report.getRuns()).isEqualTo(5);
        assertThat(report.getFailedRuns()).isEqualTo(1);
        assertThat(report.getTokensPerSP50()).isEqualTo(287.0);
        assertThat(report.getTtftMsP50()).isEqualTo(62.0);
        assertThat(report.getBestConfig()).isEqualTo("num_ctx=1024, num_gpu=999");
        // The fixture's cold start (1 cold run; warm TTFT 60, 62, 1100) and its effects (num_ctx first for
        // tokens/s, tied with num_gpu: eta2 0.953, Holm p 0.0476; see MarkdownReportRendererTest).
        assertThat(report.getColdRuns()).isEqualTo(1L);
        assertThat(report.getWarmTtftMsP50()).isEqualTo(62.0);
        // num_ctx and num_gpu go together in the fixture: the headline names both, never one of them alone.
        assertThat(report.getTopEffect())
                .isEqualTo("num_ctx = num_gpu (confounded): eta2 0.953, p 0.0476 (Holm), significant");
        // Both configurations have 2 runs: the one with the higher lower bound, 295 ± stats.t.ppf(0.975, 1) × 1.414 / √2
        // = 295 ± 12.7043 (scipy 1.17: t = 12.706204736174694), against 286 − 12.7043 for the other.
        assertThat(report.getHeadlineRecommendation()).isEqualTo("Best of the replicated configurations for tokens/s: "
                + "num_ctx=1024, num_gpu=999 (n = 2, 95 % CI [282.3, 307.7], mean 295 tokens/s), ranked by the lower "
                + "bound of the CI among the 2 configurations with 2 or more runs.");
        assertThat(report.getAnalysisId()).isEqualTo("a-1");
        assertThat(report.getStatus()).isEqualTo(ReportStatus.COMPLETE);

        assertThat(generation.getReportId()).isEqualTo(report.getReportId());
        assertThat(generation.getModel()).isEqualTo("gemma3:270m");
        assertThat(generation.getAnalysisId()).isEqualTo("a-1");
        assertThat(generation.getStatus()).isEqualTo(AnalysisStatus.OK);
        assertThat(generation.getWorker()).isEqualTo("http://127.0.0.1:11434");
        assertThat(generation.getLlmModel()).isEqualTo("gemma3:latest");
        assertThat(generation.getTtftMs()).isEqualTo(120.5);
        assertThat(generation.getTokensPerS()).isEqualTo(42.0);
        assertThat(generation.getTotalDurationMs()).isEqualTo(880.0);
        assertThat(generation.getLoadDurationMs()).isEqualTo(12.5);
        assertThat(generation.getPromptEvalDurationMs()).isEqualTo(95.0);
        assertThat(generation.getEvalDurationMs()).isEqualTo(714.3);
        assertThat(generation.getPromptEvalCount()).isEqualTo(812L);
        assertThat(generation.getEvalCount()).isEqualTo(300L);
        assertThat(generation.getQueueWaitMs()).isEqualTo(3.0);
        assertThat(generation.getAt()).isEqualTo(report.getGeneratedAt());
        // End-to-end lag: report written minus the ingest time of the oldest run it covers.
        double written = report.getGeneratedAt().toEpochMilli();
        assertThat(generation.getEndToEndLagMs()).isCloseTo(written - oldestRun.toEpochMilli(), within(1.0));
        assertThat(generation.getEndToEndLagMs()).isGreaterThanOrEqualTo(90_000.0);
        assertThat(Files.getLastModifiedTime(folder.resolve("latest.md")).toMillis()).isLessThanOrEqualTo(
                report.getGeneratedAt().toEpochMilli() + 1);

        String md = new String(markdown, StandardCharsets.UTF_8);
        assertThat(md).contains("| gemma3/gemma3\\_270m\\_param\\_tuning.csv | CSV | 4210 | 2026-11-27T18:00:00Z "
                + "| PARTIAL | 3 | 1 | 2 |");
        assertThat(md).contains("![Tokens/s by configuration](tokens-per-s-by-config.svg)");
        assertThat(folder.resolve("tokens-per-s-by-config.svg")).isRegularFile();
        assertThat(folder.resolve("ttft-percentiles.svg")).isRegularFile();
        // The full per-configuration table, beside the report that links it: a header and one row per configuration.
        assertThat(md).contains("Full table: [configs.csv](configs.csv) (2 configurations)");
        assertThat(Files.readString(folder.resolve("configs.csv")).split("\r\n")).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("\"num_ctx=2048,num_gpu=80\",2048,80,false,3,1,"));
        assertThat(Files.readString(reports.resolve("index.md"))).contains("[gemma3:270m](" + folder.getFileName()
                + "/latest.md) | 5 | 1 | 287 | 62 | num\\_ctx=1024, num\\_gpu=999 | 1 regression, 1 improvement | complete |");
    }

    /**
     * A model folder the disk will not take (here a regular file in its place, which stops even
     * root): the report is announced at once with its write error, /health says DEGRADED naming it,
     * and once the obstacle is gone the retry writes it, announces it again and health is UP.
     */
    @Test
    void aReportTheDiskDoesNotTakeIsAnnouncedAsFailedRetriedAndWrittenOnceItCan() throws Exception {
        TopicNames names = new TopicNames("disk.");
        TopicAdmin.ensureTopics(stack.kafkaSettings(), names, 1);
        KafkaSettings settings = stack.kafkaSettings();
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        AnalysisResult analysis = ReportFixtures.complete();
        Path folder = new ReportStore(reports).folderOf(analysis.getModel());
        Files.writeString(folder, "in the way"); // creating files under it fails
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProps("test-disk"))) {
            String topic = names.of(Topics.ANALYSIS_RESULTS);
            producer.send(new ProducerRecord<>(topic, serdes.key().serializer().serialize(topic, analysis.getModel()),
                    serdes.value(Topics.ANALYSIS_RESULTS).serializer().serialize(topic, analysis))).get();
        }

        try (ReportService service = new ReportService(new KafkaContext(settings, names, serdes), reports,
                "report-disk-test")) {
            service.start();
            AvroSerde<ReportGenerated> serde = AvroSerde.forValue(
                    new HttpSchemaRegistryClient(stack.schemaRegistryUrl()), ReportGenerated.class);
            ReportGenerated failed = readOne(settings, names, Topics.REPORTS, serde);
            assertThat(failed.getModel()).isEqualTo("gemma3:270m");
            assertThat(failed.getRuns()).isEqualTo(5);
            assertThat(failed.getWriteError()).contains(folder.getFileName().toString());
            assertThat(failed.getPath()).isEqualTo(folder.resolve("latest.md").toString());
            ServiceHealth degraded = service.health();
            assertThat(degraded.state()).isEqualTo(ServiceHealth.State.DEGRADED);
            assertThat(degraded.reason()).startsWith("1 report(s) not written: gemma3:270m: ")
                    .contains(folder.getFileName().toString());

            Files.delete(folder); // space comes back

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(folder.resolve("latest.md")).isRegularFile();
                assertThat(service.health()).isEqualTo(ServiceHealth.UP);
            });
            List<ReportGenerated> announced = readAll(settings, names, Topics.REPORTS, serde, 2);
            ReportGenerated written = announced.get(1);
            assertThat(written.getWriteError()).isNull();
            assertThat(written.getSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(folder.resolve("latest.md")))));
            assertThat(Files.readString(reports.resolve("index.md"))).contains("[gemma3:270m](");
        }
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, EventSerdes serdes, Topic<V> topic,
                                 String key, V value) throws Exception {
        String name = NAMES.of(topic);
        producer.send(new ProducerRecord<>(name, serdes.key().serializer().serialize(name, key),
                serdes.value(topic).serializer().serialize(name, value))).get();
    }

    private static String awaitScrape(OpsRegistry ops, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String text = ops.scrape();
        while (!text.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = ops.scrape();
        }
        return text;
    }

    /** The first record of {@code topic}, decoded with a registry client of its own. */
    private static <V extends SpecificRecord> V readOne(KafkaSettings settings, Topic<V> topic, AvroSerde<V> serde) {
        return readOne(settings, NAMES, topic, serde);
    }

    private static <V extends SpecificRecord> V readOne(KafkaSettings settings, TopicNames names, Topic<V> topic,
                                                        AvroSerde<V> serde) {
        return readAll(settings, names, topic, serde, 1).get(0);
    }

    /** The first {@code count} records of {@code topic} at least, in order. */
    private static <V extends SpecificRecord> List<V> readAll(KafkaSettings settings, TopicNames names,
                                                              Topic<V> topic, AvroSerde<V> serde, int count) {
        String name = names.of(topic);
        Properties props = settings.consumerProps("reader");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(serde.deserializer().deserialize(name, record.value()));
                }
            }
            assertThat(values).as("%d record(s) on %s", count, name).hasSizeGreaterThanOrEqualTo(count);
            return values;
        }
    }
}
