package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.statistics.LoadBins;
import io.chimera.insight.aggregate.statistics.MetricKeys;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.RunValues;
import io.chimera.insight.aggregate.topology.RunRecordReader;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The front of the aggregation's per-run path: {@value #RUNS} runs of the bench's corpus (400 mixed files of 20
 * models, in ingest's order), each as the bytes ingest sent, decoded and read into the values the aggregates take
 * ({@code RunValues.of}, one {@code MetricKeys} as a task has), and the metrics change detection reads by name
 * (its headline metrics and the load duration). {@code reader}: {@code generic}, Avro's reader through the
 * Confluent wire-format deserializer (the schema id cached), as before branch {@code dec8}; {@code own}, the
 * aggregation's {@code RunRecordReader}, as its decoder does now. Read {@code -prof gc}'s
 * {@code gc.alloc.rate.norm}, bytes per run, beside the time; it also prints the thread CPU time per run
 * (median of the measured iterations), which a loaded machine stretches less than the wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RunDecodeBenchmark extends CpuTimedBenchmark {

    static final int RUNS = 2_000;
    private static final String TOPIC = "jmh.benchmark-runs";

    @Param({"generic", "own"})
    public String reader;

    private final List<byte[]> values = new ArrayList<>();
    private Deserializer<BenchmarkRun> generic;
    private RunRecordReader own;
    private final MetricKeys keys = new MetricKeys();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        AvroSerde<BenchmarkRun> serde = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class);
        Serializer<BenchmarkRun> encoder = serde.serializer();
        for (IngestedFile read : IngestedCorpus.mixed(400, 20)) {
            for (BenchmarkRun run : read.runs()) {
                if (values.size() < RUNS) {
                    values.add(encoder.serialize(TOPIC, run));
                }
            }
        }
        if (values.size() < RUNS) {
            throw new IllegalStateException("The corpus has " + values.size() + " runs, fewer than " + RUNS);
        }
        generic = serde.deserializer();
        own = new RunRecordReader(generic);
        cpu = new IterationCpu("RunDecodeBenchmark (" + reader + "), per run", RUNS);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public void decodeRuns(Blackhole sink) {
        boolean ownReader = reader.equals("own");
        cpu.begin();
        for (int i = 0; i < RUNS; i++) {
            byte[] bytes = values.get(i);
            BenchmarkRun run = ownReader ? own.read(TOPIC, null, bytes) : generic.deserialize(TOPIC, null, bytes);
            sink.consume(RunValues.of(run, keys));
            for (String name : RunPoint.METRICS) {
                sink.consume(run.getMetrics().get(name));
            }
            sink.consume(run.getMetrics().get(LoadBins.LOAD.name()));
        }
        cpu.end();
    }
}
