package io.chimera.insight.bench.jmh;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.FileShape;
import io.chimera.insight.bench.corpus.GeneratedFile;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.RunNormaliser;
import io.chimera.insight.ingest.normalise.SourceFile;
import io.chimera.insight.ingest.parse.csv.CsvFileParser;
import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.json.JsonFileParser;
import io.chimera.insight.ingest.parse.markdown.MarkdownFileParser;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.UnusableFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + normalise, the CPU cost of ingest per megabyte of rig output, per format. One operation
 * reads 1 MiB of generated files of one shape (the last file may overshoot by a few KiB): the
 * score in ops/s is MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    static final long MIB = 1 << 20;

    /** The generated shape read: a per-prompt runs CSV, agent-metrics JSON, a Markdown report. */
    @Param({"OLLAMA_RUNS_CSV", "AGENT_METRICS_JSON", "MARKDOWN_REPORT"})
    public String shape;

    private final List<SourceText> texts = new ArrayList<>();
    private FileParser parser;
    private RunNormaliser normaliser;
    private SourceFile sourceFile;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        MappingRules rules = MappingRules.bundled();
        FileShape fileShape = FileShape.valueOf(shape);
        parser = switch (fileShape) {
            case AGENT_METRICS_JSON -> new JsonFileParser(rules);
            case MARKDOWN_REPORT -> new MarkdownFileParser(rules);
            default -> new CsvFileParser(rules);
        };
        normaliser = new RunNormaliser(rules);
        sourceFile = new SourceFile("0".repeat(64), "0".repeat(64), "bench/file", Optional.empty(), Instant.now());
        Path dir = Files.createTempDirectory("chimera-jmh-parse");
        try {
            CorpusGenerator generator = new CorpusGenerator(42);
            List<String> models = ModelNames.first(20);
            long bytes = 0;
            for (int i = 0; bytes < MIB; i++) {
                GeneratedFile file = generator.one(dir.resolve("f" + i), i, models.get(i % models.size()), fileShape);
                String text = Files.readString(file.path(), StandardCharsets.UTF_8);
                texts.add(new SourceText(text, dir.relativize(file.path()).toString().replace('\\', '/')));
                bytes += text.getBytes(StandardCharsets.UTF_8).length;
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public void parseAndNormaliseOneMiB(Blackhole sink) throws UnusableFileException {
        for (SourceText text : texts) {
            for (RawRecord raw : parser.parse(text).records()) {
                sink.consume(normaliser.normalise(raw, sourceFile));
            }
        }
    }
}
