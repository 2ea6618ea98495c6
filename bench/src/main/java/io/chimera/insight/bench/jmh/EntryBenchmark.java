package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.MetricKeys;
import io.chimera.insight.aggregate.statistics.RunValues;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.FileShape;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's (file, configuration) entry as the store pays for it run by run: a new entry, then
 * for each of its {@code runs} runs (real ones, ingested from a generated Ollama runs CSV, load durations
 * included) the run added and the whole entry encoded, as Kafka Streams serialises it on every put; and
 * the entry of {@code runs} runs decoded, as a rebuild or a restarted task reads it. {@code form}: INDEXED,
 * the store's format 5 (values without the figures they recount, a cell's metric by its index, varints);
 * VALUES, format 4 (an entry keeps its first values as they are; the store's until format 5); SKETCHES,
 * format 3, a sketch per metric from the first run (the store's until 2026-12-05).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryBenchmark {

    /** The form of the entry's statistics, and the codec that writes it. */
    public enum Form {
        INDEXED, VALUES, SKETCHES
    }

    @Param({"INDEXED", "VALUES", "SKETCHES"})
    public Form form;

    @Param({"1", "2", "3"})
    public int runs;

    private final MetricKeys keys = new MetricKeys();
    private ConfigAggregateCodec codec;
    private List<RunValues> values;
    private BenchmarkRun first;
    private byte[] encoded;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path dir = Files.createTempDirectory("chimera-jmh-entry");
        List<BenchmarkRun> ingested;
        try {
            Path file = new CorpusGenerator(42).one(dir, 0, "llama3.1:8b", FileShape.OLLAMA_RUNS_CSV).path();
            IngestedFile read = new FileIngestor(MappingRules.bundled()).ingest(dir, file);
            ingested = read.runs().subList(0, runs);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        first = ingested.get(0);
        values = ingested.stream().map(run -> RunValues.of(run, keys)).toList();
        codec = switch (form) {
            case INDEXED -> ConfigAggregateCodec.store();
            case VALUES -> ConfigAggregateCodec.valuesOrSketches();
            case SKETCHES -> ConfigAggregateCodec.compact();
        };
        encoded = writeEntry();
    }

    @Benchmark
    public byte[] writeEntry() {
        ConfigAggregate entry = form == Form.SKETCHES
                ? ConfigAggregate.empty(first.getConfig()) : ConfigAggregate.entry(first.getConfig());
        byte[] bytes = null;
        for (RunValues run : values) {
            entry.add(run);
            bytes = codec.encode(entry);
        }
        return bytes;
    }

    @Benchmark
    public ConfigAggregate readEntry() {
        return codec.decode(encoded);
    }
}
