package io.chimera.insight.bench.jmh;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.FileShape;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire format on the hot path: one {@code BenchmarkRun} (a real one, ingested from a generated
 * CSV row) encoded and decoded by the Confluent wire-format Avro serde, schema ids cached, as
 * ingest and the aggregation do per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerdeBenchmark {

    private static final String TOPIC = "chimera.benchmark-runs";

    private Serializer<BenchmarkRun> serializer;
    private Deserializer<BenchmarkRun> deserializer;
    private BenchmarkRun run;
    private byte[] encoded;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path dir = Files.createTempDirectory("chimera-jmh-serde");
        try {
            Path file = new CorpusGenerator(42).one(dir, 0, "llama3.1:8b", FileShape.OLLAMA_RUNS_CSV).path();
            IngestedFile ingested = new FileIngestor(MappingRules.bundled()).ingest(dir, file);
            run = ingested.runs().get(0);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        AvroSerde<BenchmarkRun> serde = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class);
        serializer = serde.serializer();
        deserializer = serde.deserializer();
        encoded = serializer.serialize(TOPIC, run);
    }

    @Benchmark
    public byte[] encodeRun() {
        return serializer.serialize(TOPIC, run);
    }

    @Benchmark
    public BenchmarkRun decodeRun() {
        return deserializer.deserialize(TOPIC, encoded);
    }
}
