package io.chimera.insight.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The kinds of files the generator writes, each in the shape of a real rig output under
 * {@code /work/shared/corpus/chimeraforge} (named in each constant), with the share of a corpus
 * it makes up.
 */
public enum FileShape {
    /** {@code reports/ollama/<ts>/gemma3_benchmark_runs.csv}: one row per prompt, model and options columns. */
    OLLAMA_RUNS_CSV(24, false, new CsvShapes.OllamaRuns()),
    /** {@code reports/gemma3/gemma3_270m_param_tuning.csv}: num_gpu x num_ctx x temperature sweep, model in the name. */
    PARAM_SWEEP_CSV(15, false, new CsvShapes.ParamSweep()),
    /** {@code reports/llama3/ollama_quant_bench.csv}: fully quoted, a quantization {@code tag} column. */
    QUANT_SWEEP_CSV(10, false, new CsvShapes.QuantSweep()),
    /** {@code reports/gemma3/gemma3_270m_param_tuning_summary.csv}: the rig's averages, never runs. */
    SUMMARY_CSV(6, false, new CsvShapes.Summary()),
    /** {@code demo_agent_runs/<run>/metrics.json}: per-agent {@code individual_runs[]} beside {@code aggregate_metrics}. */
    AGENT_METRICS_JSON(20, false, new JsonShapes.AgentMetrics()),
    /** {@code reports/gemma3/gemma3_baseline.json}: {@code results[]} under a top-level model. */
    BASELINE_JSON(10, false, new JsonShapes.Baseline()),
    /** A Markdown report: {@code Model:}/{@code Configuration:} lines, a runs table, a {@code ## Metrics} block. */
    MARKDOWN_REPORT(10, false, new MarkdownShape()),
    /** {@code reports/profiling/ncu_ollama.ncu-rep}: a binary profiler export. */
    BINARY_EXPORT(1, true, new BadShapes.BinaryExport()),
    /** {@code reports/profiling/ncu_summary.csv}: UTF-16 text holding only an error message. */
    UTF16_ERROR_CSV(1, true, new BadShapes.Utf16Error()),
    /** A JSON result cut off mid-write. */
    TRUNCATED_JSON(2, true, new BadShapes.TruncatedJson()),
    /** A rig that crashed before writing a byte. */
    EMPTY_FILE(1, true, new BadShapes.Empty());

    /** Writes one file of a shape. */
    interface Writer {
        /**
         * Writes file number {@code index} for {@code model} into {@code folder}.
         *
         * @return what was written and what ingest must find in it
         */
        GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException;
    }

    private final int weight;
    private final boolean bad;
    private final Writer writer;

    FileShape(int weight, boolean bad, Writer writer) {
        this.weight = weight;
        this.bad = bad;
        this.writer = writer;
    }

    /** Relative share in a generated corpus (the weights add up to 100). */
    public int weight() {
        return weight;
    }

    public boolean bad() {
        return bad;
    }

    Writer writer() {
        return writer;
    }
}
