package io.chimera.insight.bench.jmh;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.GeneratedFile;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.Sha256;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.publish.PreparedFile;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one ingest reader thread spends per file of the bench's mixed corpus: read from disk,
 * hash, decode, detect, parse, normalise and encode every record of the file's transaction
 * ({@link TransactionalFilePublisher#prepare}), everything but Kafka. Score: microseconds per file;
 * the generated corpus averages about 13 records per file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {

    static final int FILES = 1_000;

    private Path dir;
    private List<GeneratedFile> files;
    private FileIngestor ingestor;
    private TransactionalFilePublisher publisher;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("chimera-jmh-reader");
        GeneratedCorpus corpus = new CorpusGenerator(42).mixed(dir, FILES, ModelNames.first(20), done -> { });
        files = corpus.files();
        ingestor = new FileIngestor(MappingRules.bundled());
        // Never started: prepare() only encodes, through the registry's cached schema ids.
        publisher = new TransactionalFilePublisher(new KafkaContext(new KafkaSettings("127.0.0.1:1", "mem://"),
                TopicNames.defaults(), new EventSerdes(new InMemorySchemaRegistry())), "jmh-reader");
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The floor: what the reader pays per file before parsing (attributes, content, its SHA-256). */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public void readAndHashOnly(Blackhole sink) throws IOException {
        for (GeneratedFile file : files) {
            sink.consume(Files.readAttributes(file.path(), BasicFileAttributes.class));
            sink.consume(Sha256.of(Files.readAllBytes(file.path())));
        }
    }

    /** Everything but encoding: {@link FileIngestor#ingest}, the file's event, runs and dead letters as objects. */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public void readParseNormalise(Blackhole sink) {
        for (GeneratedFile file : files) {
            sink.consume(ingestor.ingest(dir, file.path()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FILES)
    public void readParseNormaliseEncode(Blackhole sink) {
        for (GeneratedFile file : files) {
            PreparedFile prepared = publisher.prepare(ingestor.ingest(dir, file.path()));
            sink.consume(prepared);
        }
    }
}
