package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.topology.AggregationSerdes;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's work per run, through its real topology ({@code AggregationTopology}, in-memory stores)
 * in Kafka Streams' {@link TopologyTestDriver}: {@value #RUNS} runs of the bench's corpus (20 models, the
 * mixed shapes, in ingest's order: file by file), each piped in as the bytes ingest sent (so decoded by the
 * topology's decoder, as in the service), after every file's catalog event; fresh stores for each invocation,
 * so two runs in three start a new (file, configuration) entry, as in the corpus. No punctuation runs (the
 * driver's wall clock stands still), so this is the per-run path alone: decode, file version and catalog,
 * the entry and the running model, change detection's point ({@code detection}), the pending mark. The
 * driver commits after every record, flushing the record caches each time: each run's store writes reach the
 * in-memory stores and the changelogs, which the service's cache would partly merge. Read {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} for the bytes allocated per run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RunPathBenchmark {

    static final int RUNS = 2_000;

    @Param({"false", "true"})
    public boolean detection;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TopicNames topics = new TopicNames("jmh.");
    private AggregationSerdes serdes;
    private final List<BenchmarkFile> files = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> runs;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        serdes = new AggregationSerdes(Serdes.String(),
                AvroSerde.forValue(registry, BenchmarkRun.class), AvroSerde.forValue(registry, BenchmarkFile.class),
                AvroSerde.forValue(registry, ModelMetrics.class), AvroSerde.forValue(registry, AnalysisRequest.class),
                AvroSerde.forValue(registry, DeadLetter.class), AvroSerde.forValue(registry, PerformanceChange.class),
                AvroSerde.forValue(registry, ConfigStats.class));
        Serializer<BenchmarkRun> encoder = serdes.runs().serializer();
        stateDir = Files.createTempDirectory("chimera-jmh-runpath-state");
        String runsTopic = topics.of(Topics.BENCHMARK_RUNS);
        for (IngestedFile read : IngestedCorpus.mixed(400, 20)) {
            files.add(read.file());
            for (BenchmarkRun run : read.runs()) {
                if (values.size() < RUNS) {
                    keys.add(run.getModel());
                    values.add(encoder.serialize(runsTopic, run));
                }
            }
        }
        if (values.size() < RUNS) {
            throw new IllegalStateException("The corpus has " + values.size() + " runs, fewer than " + RUNS);
        }
    }

    /** A fresh topology on fresh stores, its catalog holding every file. */
    @Setup(Level.Invocation)
    public void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "jmh-runpath");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AggregationSettings settings = AggregationSettings.defaults();
        settings = settings.withChanges(settings.changes().withEnabled(detection));
        driver = new TopologyTestDriver(AggregationTopology.build(topics, serdes, settings,
                AggregationTopology.StoreKind.IN_MEMORY), props, Instant.parse("2026-12-05T00:00:00Z"));
        TestInputTopic<String, BenchmarkFile> catalog = driver.createInputTopic(topics.of(Topics.BENCHMARK_FILES),
                serdes.keys().serializer(), serdes.files().serializer());
        files.forEach(file -> catalog.pipeInput(file.getFileId(), file));
        runs = driver.createInputTopic(topics.of(Topics.BENCHMARK_RUNS), serdes.keys().serializer(),
                new ByteArraySerializer());
    }

    @TearDown(Level.Invocation)
    public void stop() {
        driver.close();
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        delete(stateDir);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public void aggregateRuns() {
        for (int i = 0; i < RUNS; i++) {
            runs.pipeInput(keys.get(i), values.get(i));
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
