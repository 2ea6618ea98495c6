package io.chimera.insight.bench.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** The CSV rig outputs. */
final class CsvShapes {

    static final String[] PROMPTS = {
        "banter prompt: Player failed a mission but needs encouragement.",
        "Give a battle quote for a co-op shooter win.",
        "Prompt for rare loot find celebration banter.",
        "Craft a witty remark after a close racing finish.",
        "Motivate a teammate before a final boss fight.",
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private CsvShapes() {
    }

    /** Rows of one prompt per line under one or more option sets; model and options in columns. */
    static final class OllamaRuns implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve(ModelNames.fileStem(model) + "_benchmark_runs_" + index + ".csv");
            int configs = 1 + sampler.random().nextInt(3);
            int runs = 0;
            int failed = 0;
            try (CSVPrinter csv = printer(path, CSVFormat.DEFAULT)) {
                csv.printRecord("timestamp", "model", "prompt_index", "prompt_text", "ttft_s", "tokens_s", "load_s",
                        "prompt_eval_s", "eval_s", "prompt_eval_count", "eval_count", "response_chars", "error",
                        "options");
                for (int c = 0; c < configs; c++) {
                    SweepConfig config = sampler.anyConfig(model);
                    for (int p = 0; p < PROMPTS.length; p++) {
                        RunSample run = sampler.sample(model, config);
                        csv.printRecord(Stamps.at(index, runs * 9L), model, p + 1, PROMPTS[p],
                                Stamps.decimal(run.ttftS()), Stamps.twoDecimals(run.tokensS()),
                                Stamps.decimal(run.loadS()), Stamps.decimal(run.promptEvalS()),
                                Stamps.decimal(run.evalS()), run.promptEvalCount(), run.evalCount(),
                                run.responseChars(), run.failed() ? run.error() : "", json(config));
                        runs++;
                        failed += run.failed() ? 1 : 0;
                    }
                }
            }
            return new GeneratedFile(path, FileShape.OLLAMA_RUNS_CSV, model, runs, failed);
        }
    }

    /** A num_gpu x num_ctx x temperature sweep of one prompt; the model is only in the file name. */
    static final class ParamSweep implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            return sweepFile(folder, index, model, sweep(sampler), 1, sampler);
        }
    }

    /**
     * A param-sweep CSV ({@link FileShape#PARAM_SWEEP_CSV}) over {@code configs}, {@code runsPerConfig}
     * rows for each, in that order: the rigs' sweep, and the bench's model with many configurations.
     */
    static GeneratedFile sweepFile(Path folder, int index, String model, List<SweepConfig> configs,
                                   int runsPerConfig, RunSampler sampler) throws IOException {
        Path path = folder.resolve(ModelNames.fileStem(model) + "_param_tuning_" + index + ".csv");
        int runs = 0;
        int failed = 0;
        try (CSVPrinter csv = printer(path, CSVFormat.DEFAULT)) {
            csv.printRecord("num_gpu", "num_ctx", "temperature", "config_name", "ttft_s", "tokens_s", "load_s",
                    "prompt_eval_s", "eval_s", "eval_count", "error");
            for (SweepConfig config : configs) {
                for (int r = 0; r < runsPerConfig; r++) {
                    RunSample run = sampler.sample(model, config);
                    csv.printRecord(config.numGpu(), config.numCtx(), config.temperatureText(), config.label(),
                            Stamps.decimal(run.ttftS()), Stamps.decimal(run.tokensS()), Stamps.decimal(run.loadS()),
                            Stamps.decimal(run.promptEvalS()), Stamps.decimal(run.evalS()), run.evalCount(),
                            run.failed() ? run.error() : "");
                    runs++;
                    failed += run.failed() ? 1 : 0;
                }
            }
        }
        return new GeneratedFile(path, FileShape.PARAM_SWEEP_CSV, model, runs, failed);
    }

    /** Fully quoted rows, one quantization tag per block of prompts. */
    static final class QuantSweep implements FileShape.Writer {
        private static final String[] TAGS = {"q4_0", "q5_K_M", "q8_0"};

        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve("ollama_quant_bench_" + index + ".csv");
            int runs = 0;
            int failed = 0;
            SweepConfig config = sampler.anyConfig(model);
            try (CSVPrinter csv = printer(path, CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get())) {
                csv.printRecord("timestamp", "model", "tag", "prompt_index", "prompt_text", "ttft_s", "tokens_s",
                        "load_s", "prompt_eval_s", "eval_s", "prompt_eval_count", "eval_count", "total_tokens",
                        "response_chars", "error");
                for (String tag : TAGS) {
                    for (int p = 0; p < PROMPTS.length; p++) {
                        RunSample run = sampler.sample(model, config);
                        csv.printRecord(Stamps.at(index, runs * 5L), model, tag, p + 1, PROMPTS[p],
                                Stamps.decimal(run.ttftS()), Stamps.twoDecimals(run.tokensS()),
                                Stamps.decimal(run.loadS()), Stamps.decimal(run.promptEvalS()),
                                Stamps.decimal(run.evalS()), run.promptEvalCount(), run.evalCount(),
                                run.promptEvalCount() + run.evalCount(), run.responseChars(),
                                run.failed() ? run.error() : "");
                        runs++;
                        failed += run.failed() ? 1 : 0;
                    }
                }
            }
            return new GeneratedFile(path, FileShape.QUANT_SWEEP_CSV, model, runs, failed);
        }
    }

    /** The rig's own per-config means of a sweep: summary records only. */
    static final class Summary implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve(ModelNames.fileStem(model) + "_" + index + "_param_tuning_summary.csv");
            try (CSVPrinter csv = printer(path, CSVFormat.DEFAULT)) {
                csv.printRecord("config_name", "num_gpu", "num_ctx", "temperature", "mean_tokens_s", "mean_ttft_s",
                        "mean_load_s");
                for (SweepConfig config : sweep(sampler)) {
                    RunSample run = sampler.sample(model, config);
                    csv.printRecord(config.label(), config.numGpu(), config.numCtx(), config.temperatureText(),
                            Stamps.decimal(run.tokensS()), Stamps.decimal(run.ttftS()), Stamps.decimal(run.loadS()));
                }
            }
            return new GeneratedFile(path, FileShape.SUMMARY_CSV, model, 0, 0);
        }
    }

    /** A random subset (12 to 36 points) of the full sweep, in the rigs' loop order. */
    static List<SweepConfig> sweep(RunSampler sampler) {
        List<SweepConfig> points = new ArrayList<>();
        int[] gpus = SweepConfig.NUM_GPU;
        int[] contexts = {1024, 2048, 4096};
        double[] temperatures = {0.2, 0.4, 0.8};
        int keepGpus = 1 + sampler.random().nextInt(gpus.length);
        for (int g = 0; g < keepGpus; g++) {
            for (int context : contexts) {
                for (double temperature : temperatures) {
                    points.add(new SweepConfig(gpus[g], context, temperature));
                }
            }
        }
        return points;
    }

    static String json(SweepConfig config) {
        try {
            return JSON.writeValueAsString(config.options());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CSVPrinter printer(Path path, CSVFormat format) throws IOException {
        Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, format);
    }
}
