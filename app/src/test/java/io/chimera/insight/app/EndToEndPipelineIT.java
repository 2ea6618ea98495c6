package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.app.local.RunMonitor;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the embedded broker and registry, with the simulator as GPU worker:
 * real files in, reports on disk and events out, every hop through real topics and serdes.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndToEndPipelineIT {

    private static final long TTFT_MS = 150;
    private static final double TOKENS_PER_S = 400;

    /** Counted by hand from the fixture files (rows, result objects, error column). */
    private static final Map<String, Long> RUNS_BY_MODEL = Map.of(
            "gemma3:270m", 36L,        // gemma3_270m_param_tuning.csv: 36 rows, 2 with "timed out"
            "gemma3:1b-it-qat", 5L,    // gemma3_1b-it-qat_baseline.json: 5 results
            "gemma3:latest", 5L);      // gemma3_benchmark_runs.csv: 5 rows, all failed to connect

    @TempDir
    Path reports;

    @Test
    void everyModelGetsAReportAndTheEventsCarryTheWorkersFigures() throws Exception {
        try (OllamaSimulator worker = new OllamaSimulator(
                new SimulatorSettings().ttftMs(TTFT_MS).tokensPerS(TOKENS_PER_S)).start();
             LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(Optional.empty(), 1, reports,
                     new ServiceFactory.LlmTarget(LlmApi.OLLAMA, worker.baseUrl(), "gemma3:latest", 8192, 0.2,
                             Duration.ofSeconds(2)),
                     AggregationSettings.defaults().withDebounce(Duration.ofMillis(500)), 0, 0,
                     RegistryAccess.ownerWrites()))) {
            ServiceFactory services = pipeline.factory();
            IngestPass.Tally tally;
            try (TransactionalFilePublisher publisher = new TransactionalFilePublisher(services.kafka(), "e2e-ingest",
                    services.metrics("ingest"))) {
                tally = new IngestPass(new FileIngestor(MappingRules.bundled()), publisher)
                        .publishAll(new CorpusScanner().scan(TestCorpus.root()), done -> { });
            }
            assertThat(tally.runsByModel()).isEqualTo(RUNS_BY_MODEL);

            List<DeadLetter> deadLetters;
            try (RunMonitor monitor = new RunMonitor(services.kafka())) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    monitor.poll(Duration.ofMillis(200));
                    return monitor.modelsDone(RUNS_BY_MODEL) == RUNS_BY_MODEL.size();
                });
                monitor.drain(Duration.ofSeconds(10));
                deadLetters = monitor.deadLetters();
            }

            assertReportsOnDisk();
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(letter.getSource()).endsWith("ncu_ollama.ncu-rep");
                assertThat(letter.getStage()).isEqualTo("ingest.read");
            });

            // Decode with a fresh registry client: the ids must resolve through the registry itself.
            KafkaSettings settings = pipeline.stack().kafkaSettings();
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(pipeline.stack().schemaRegistryUrl());
            List<ReportGenerated> reportEvents = readAll(settings, Topics.REPORTS,
                    AvroSerde.forValue(registry, ReportGenerated.class));
            List<GenerationMetrics> generation = readAll(settings, Topics.GENERATION_METRICS,
                    AvroSerde.forValue(registry, GenerationMetrics.class));

            assertThat(reportEvents).extracting(ReportGenerated::getModel, ReportGenerated::getRuns,
                    ReportGenerated::getStatus).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("gemma3:270m", 36L, ReportStatus.COMPLETE),
                    org.assertj.core.groups.Tuple.tuple("gemma3:1b-it-qat", 5L, ReportStatus.COMPLETE),
                    org.assertj.core.groups.Tuple.tuple("gemma3:latest", 5L, ReportStatus.COMPLETE));
            assertThat(generation).hasSize(3).allSatisfy(event -> {
                assertThat(event.getStatus()).isEqualTo(AnalysisStatus.OK);
                assertThat(event.getWorker()).isEqualTo(worker.baseUrl());
                // Timings are the simulator's real ones, so a loaded machine only makes them slower: the
                // bounds that cannot depend on load are the simulated first-token delay and the rate cap,
                // and that tokens/s is the worker's own eval_count / eval_duration.
                assertThat(event.getTtftMs()).isGreaterThanOrEqualTo((double) TTFT_MS);
                assertThat(event.getTokensPerS()).isPositive().isLessThanOrEqualTo(TOKENS_PER_S * 1.25)
                        .isCloseTo(event.getEvalCount() * 1000.0 / event.getEvalDurationMs(),
                                org.assertj.core.data.Percentage.withPercentage(2));
                assertThat(event.getEvalCount()).isPositive();
                assertThat(event.getEndToEndLagMs()).isPositive();
            });
            assertThat(worker.callCount()).as("one LLM call per report").isEqualTo(3);
            // the pipeline registered every schema it wrote; a client without its credential only reads
            assertThatThrownBy(() -> registry.register("intruder-value", SchemaBuilder.record("Intruder").fields().endRecord()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
            assertMetricsServed(pipeline, worker.baseUrl());
            assertQueriesServed(pipeline);
        }
    }

    /** Local mode serves the aggregation's query API too, from the same stores the reports came from. */
    private static void assertQueriesServed(LocalPipeline pipeline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = pipeline.queryUri().orElseThrow().toString();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        Map<String, Long> runs = new TreeMap<>();
        json.readTree(models.body()).path("models")
                .forEach(model -> runs.put(model.path("model").asText(), model.path("runs").asLong()));
        assertThat(runs).containsAllEntriesOf(RUNS_BY_MODEL);
        HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(base + "/models/gemma3%3A270m")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).path("runs").asLong()).isEqualTo(36);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/models/no-such-model")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error").asText()).contains("no-such-model");
    }

    /** The series of deploy/METRICS.md, scraped from the pipeline's one /metrics while it runs. */
    private static void assertMetricsServed(LocalPipeline pipeline, String worker) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(pipeline.ops().healthUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo(
                "{\"status\":\"UP\",\"services\":{\"aggregate\":\"UP\",\"analyze\":\"UP\",\"report\":\"UP\"}}");
        // Counters count after their commit; the report's may trail its event by a moment.
        String metrics = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!metrics.contains("chimera_reports_written_total{service=\"report\",status=\"COMPLETE\"} 3.0")
                && System.nanoTime() < deadline) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(pipeline.ops().metricsUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            metrics = scrape.body();
        }
        assertThat(metrics)
                // 4 files: 3 read in full, the binary profiler export rejected; 46 runs, 7 failed (see RUNS_BY_MODEL)
                .contains("chimera_ingest_files_total{service=\"ingest\",status=\"ACCEPTED\"} 3.0")
                .contains("chimera_ingest_files_total{service=\"ingest\",status=\"REJECTED\"} 1.0")
                .contains("chimera_ingest_runs_total{outcome=\"ok\",service=\"ingest\"} 39.0")
                .contains("chimera_ingest_runs_total{outcome=\"failed\",service=\"ingest\"} 7.0")
                .contains("chimera_dead_letters_total{service=\"ingest\",stage=\"ingest.read\"} 1.0")
                .contains("chimera_llm_ttft_seconds_bucket{service=\"analyze\",worker=\"" + worker + "\",le=")
                .contains("chimera_llm_ttft_seconds_count{service=\"analyze\",worker=\"" + worker + "\"} 3")
                .contains("chimera_llm_tokens_per_second_count{service=\"analyze\",worker=\"" + worker + "\"} 3")
                .contains("chimera_llm_inflight{service=\"analyze\",worker=\"" + worker + "\"} 0.0")
                .contains("chimera_report_lag_seconds_bucket{service=\"report\"")
                .contains("chimera_reports_written_total{service=\"report\",status=\"COMPLETE\"} 3.0")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*service=\"report\"")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*service=\"aggregate\"")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*service=\"analyze\"");
    }

    private void assertReportsOnDisk() throws Exception {
        ReportStore store = new ReportStore(reports);
        for (Map.Entry<String, Long> expected : RUNS_BY_MODEL.entrySet()) {
            Path folder = store.folderOf(expected.getKey());
            String markdown = Files.readString(folder.resolve("latest.md"));
            assertThat(markdown).startsWith("# Benchmark report: " + expected.getKey() + "\n")
                    .contains("- Runs: " + expected.getValue() + " (")
                    .contains("- Status: complete");
            assertThat(Files.readString(folder.resolve("latest.json")))
                    .contains("\"model\" : \"" + expected.getKey() + "\"")
                    .contains("\"runs\" : " + expected.getValue() + ",");
        }
        assertThat(Files.readString(store.folderOf("gemma3:270m").resolve("latest.md")))
                .contains("- Runs: 36 (2 failed)");
        assertThat(Files.readString(reports.resolve("index.md")))
                .contains("[gemma3:270m]").contains("[gemma3:1b-it-qat]").contains("[gemma3:latest]");
    }

    private static <V extends SpecificRecord> List<V> readAll(KafkaSettings settings, Topic<V> topic,
                                                             AvroSerde<V> serde) {
        String name = TopicNames.defaults().of(topic);
        List<V> values = new ArrayList<>();
        var props = settings.consumerProps("e2e-reader");
        props.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(serde.deserializer().deserialize(name, record.value()));
                }
            }
        }
        return values;
    }
}
