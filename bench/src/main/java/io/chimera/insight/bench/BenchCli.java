package io.chimera.insight.bench;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.app.options.IngestTuningOptions;
import io.chimera.insight.bench.changes.ChangesCommand;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.scaling.ScalingPlan;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.localstack.LocalStackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chimera bench}: the pipeline measured against raw Kafka on this machine, in one run. */
@Command(name = "chimera bench", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchCli.Version.class, subcommands = {RssCommand.class, JobCommand.class, ChangesCommand.class},
        description = {
            "Measure the pipeline on this machine beside the limits of raw Kafka, measured",
            "in the same run on the same embedded broker, and write the figures to",
            "bench/results/<date>-<host>.md. In order:",
            "  1. generate a corpus: CSV, JSON and Markdown in the shapes of real rig",
            "     outputs, many models and option sweeps, some unusable files;",
            "  2. the records ingest sends, read and encoded once (no Kafka yet);",
            "  3. ingest files/s and runs/s, ratio to the shared-CPU limit of the raw",
            "     producer and parse-only (ingest's readers, no Kafka), measured beside it",
            "     in each of 3 paired repeats (target >= 0.8);",
            "  4. aggregation runs/s under exactly_once_v2, ratio to a minimal Kafka",
            "     Streams aggregate with the same settings, paired likewise (target >= 0.7);",
            "  5. LLM calls per report (target 1) and prompt tokens per report;",
            "  6. end-to-end lag p50/p95/p99, file complete on disk to report event,",
            "     simulated worker at 0 ms TTFT (targets p50 <= 1 s, p99 <= 2 s);",
            "  7. LLM calls for a burst of --burst-files files of one model (target 1);",
            "  8. latency the analysis service adds to the worker's time to first",
            "     token (target p50 < 5 ms);",
            "  9. parallel efficiency with 1, 2, 4 ... --workers simulated GPU workers",
            "     (target >= 0.95 at 4);",
            " 10. peak heap and process RSS (target <= 1 GiB).",
            "No GPU, Docker or network needed: broker, registry and GPU workers are",
            "simulated in this JVM. A run with the defaults takes several minutes.",
            "",
            "'chimera bench --scaling' measures something else instead: what ingest and",
            "the aggregation cost per run (CPU and wall microseconds) as the work grows,",
            "--scaling-files corpora (1,000, 10,000, 50,000 files by default), then one",
            "model swept over --scaling-configs configurations (10, 1,000, 20,000) with",
            "the same --scaling-config-runs runs at each; at each point the aggregation's",
            "state (RocksDB on disk, changelog bytes) and the largest record on each of",
            "our topics, read back from the broker. Target: no point's cost per run more",
            "than 1.5x the first (smallest) point's of its series; a cost that falls as",
            "the work grows passes. A point whose aggregation the cluster",
            "refuses a record of (a model's aggregate past 16 MiB) is reported with the",
            "record's size, and the next point still runs. Written to",
            "bench/results/<date>-<host>-scaling.md. On 2 busy cores 10,000 files alone",
            "took 9 minutes (50,000 hold five times the runs); --scaling-files 1000,3000",
            "--scaling-config-runs 20000 took 5 minutes.",
            "",
            "'chimera bench rss' measures one figure alone: the peak RSS of 'chimera run'",
            "in a JVM of its own on one 60 MB CSV (see 'chimera bench rss --help').",
            "'chimera bench job' times a user's whole job: 'chimera run' in a fresh process",
            "on the generated corpus with a simulated worker, wall time and peak RSS split",
            "into start-up, ingest, aggregation, analysis and report (see 'chimera bench job --help').",
            "'chimera bench changes' measures the change detector on generated series:",
            "steps found, their delay and false alarms (see 'chimera bench changes --help').",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every figure was measured (misses are in the table, not in the exit code)",
            "1:a measure failed", "2:bad usage"})
public final class BenchCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "10000",
            description = "Files in the generated corpus (default: ${DEFAULT-VALUE}).")
    int files;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--workers", paramLabel = "K", defaultValue = "4",
            description = "Most simulated GPU workers for parallel efficiency; 1, 2, 4 ... up to K are measured "
                    + "(default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--burst-files", paramLabel = "N", defaultValue = "1000",
            description = "Files of the one-model burst (default: ${DEFAULT-VALUE}).")
    int burstFiles;

    @Option(names = "--lag-samples", paramLabel = "N", defaultValue = "50",
            description = "Files dropped one at a time to measure end-to-end lag (default: ${DEFAULT-VALUE}).")
    int lagSamples;

    @Option(names = "--lag-debounce", paramLabel = "MILLIS", defaultValue = "250",
            description = "Aggregation debounce while measuring lag; lag includes it by design (default: "
                    + "${DEFAULT-VALUE}; the product's default is 2000).")
    long lagDebounceMillis;

    @Option(names = "--settle", paramLabel = "MILLIS", defaultValue = "100",
            description = "The folder watcher's settle interval while measuring lag; lag includes it by design "
                    + "(default: ${DEFAULT-VALUE}; the product's default is 1000).")
    long settleMillis;

    @Option(names = "--latency-samples", paramLabel = "N", defaultValue = "40",
            description = "Requests, one at a time, to measure the analysis service's latency (default: "
                    + "${DEFAULT-VALUE}).")
    int latencySamples;

    @Option(names = "--call-ms", paramLabel = "MILLIS", defaultValue = "200",
            description = "Time one simulated GPU call takes in the parallel-efficiency measure (default: "
                    + "${DEFAULT-VALUE}).")
    long callMillis;

    @Option(names = "--pool-requests", paramLabel = "N", defaultValue = "0",
            description = "Analyses per parallel-efficiency batch; 0 = 8 per worker at the most workers (default).")
    int poolRequests;

    @Option(names = "--throughput-only",
            description = "Measure steps 1 to 4 and memory only (corpus, raw limits, ingest, aggregation): "
                    + "a quicker loop when working on throughput.")
    boolean throughputOnly;

    @Option(names = "--scaling",
            description = "Instead of the figures above, measure the cost per run of ingest and the aggregation as "
                    + "the work grows (--scaling-files, --scaling-configs); see above.")
    boolean scaling;

    @Option(names = "--scaling-files", paramLabel = "N", split = ",", defaultValue = "1000,10000,50000",
            description = "Corpus sizes of --scaling, in files of the mixed corpus (default: ${DEFAULT-VALUE}).")
    List<Integer> scalingFiles;

    @Option(names = "--scaling-configs", paramLabel = "N", split = ",", defaultValue = "10,1000,20000",
            description = "Configurations of the one swept model of --scaling (default: ${DEFAULT-VALUE}).")
    List<Integer> scalingConfigs;

    @Option(names = "--scaling-config-runs", paramLabel = "N", defaultValue = "60000",
            description = "Runs of the swept model at each of --scaling-configs, split evenly over its "
                    + "configurations, at least one each (default: ${DEFAULT-VALUE}).")
    int scalingConfigRuns;

    @Option(names = "--scaling-timeout", paramLabel = "MINUTES", defaultValue = "30",
            description = "Minutes a point's aggregation may take to catch up; past them the point is reported as "
                    + "failed with how far it got, and the next point runs (default: ${DEFAULT-VALUE}).")
    int scalingTimeoutMinutes;

    @Option(names = "--analysis-only",
            description = "Measure steps 8 and 9 only (analysis service latency, parallel efficiency), after the "
                    + "corpus ingested and aggregated once, unmeasured, and its reports (step 5, which makes the "
                    + "requests they replay), and memory: a quicker loop when working on the analysis service.")
    boolean analysisOnly;

    @Mixin
    IngestTuningOptions ingestTuning;

    @Option(names = "--punctuate", paramLabel = "MILLIS",
            description = "How often the aggregation emits pending model metrics and requests (its punctuation "
                    + "interval; default: ${DEFAULT-VALUE}, the product's); to see what emission costs.")
    long punctuateMillis = AggregationSettings.DEFAULT_PUNCTUATE_INTERVAL.toMillis();

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of every topic, as 'chimera run --partitions' (default: ${DEFAULT-VALUE}).")
    int partitions = LocalStackOptions.DEFAULT_PARTITIONS;

    @Mixin
    ResultsOptions results;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the corpus, reports and state here (default: a temporary folder, deleted afterwards). "
                    + "A folder holding an earlier run's state is refused: each run starts a fresh broker.")
    Path workDir;

    public static void main(String[] args) {
        if (System.getenv("CHIMERA_LOG_LEVEL") == null && System.getProperty("CHIMERA_LOG_LEVEL") == null) {
            // The corpus holds bad files on purpose: their dead-letter warnings would bury the progress.
            System.setProperty("CHIMERA_LOG_LEVEL", "ERROR");
        }
        // Real workers (Ollama's Go server) send with TCP_NODELAY; the JDK server the simulator runs on
        // does not by default, and Nagle's algorithm would then hold each streamed chunk for the
        // client's delayed ACK (about 40 ms), a delay no real worker has. Read once, before any server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (files < 1 || corpus.models() < 1 || workers < 1 || burstFiles < 1 || lagSamples < 1 || latencySamples < 1
                || partitions < 1 || callMillis < 1 || punctuateMillis < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "counts and times must be positive");
        }
        if (throughputOnly && analysisOnly) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--throughput-only and --analysis-only measure different steps: give one of them");
        }
        if (scaling && (throughputOnly || analysisOnly)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scaling measures instead of the other steps: give it without --throughput-only or --analysis-only");
        }
        if (workDir != null && Files.isDirectory(workDir.resolve(BenchPipeline.STATE_FOLDER))) {
            // Each run starts a fresh embedded broker, so an earlier run's Streams state (its checkpoints
            // point past the new broker's offsets) would stop the new run's aggregation mid-way.
            Path state = workDir.resolve(BenchPipeline.STATE_FOLDER);
            throw new CommandLine.ParameterException(spec.commandLine(), "--work-dir " + workDir
                    + " already holds the Kafka Streams state of an earlier bench run (" + state
                    + "); its broker is gone, so that state cannot be reused: give a new or empty folder, or delete "
                    + state);
        }
        ScalingPlan plan = null;
        if (scaling) {
            try {
                plan = new ScalingPlan(scalingFiles, scalingConfigs, scalingConfigRuns,
                        Duration.ofMinutes(scalingTimeoutMinutes));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        IngestTuning tuning;
        try {
            tuning = ingestTuning.tuning();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchOptions options = new BenchOptions(files, corpus.models(), workers, burstFiles, lagSamples,
                Duration.ofMillis(lagDebounceMillis), Duration.ofMillis(settleMillis), latencySamples,
                Duration.ofMillis(callMillis), poolRequests > 0 ? poolRequests : 8 * workers,
                Duration.ofMillis(punctuateMillis), partitions, corpus.seed(), tuning, throughputOnly, analysisOnly,
                results.dir(), Optional.ofNullable(workDir), results.commandLine(), plan);
        return new BenchRun(options, spec.commandLine().getOut(), System.err).call();
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchCli.class.getPackage().getImplementationVersion();
            return new String[] {"chimera bench " + (version == null ? "development build" : version),
                "Java " + System.getProperty("java.version")};
        }
    }
}
