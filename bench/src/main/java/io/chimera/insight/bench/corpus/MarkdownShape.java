package io.chimera.insight.bench.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Markdown report as the older tool wrote them: {@code Model:} and {@code Configuration:}
 * lines, a table of runs, a {@code ## Metrics} block of {@code Key: value unit} lines (figures
 * the rig derived: summaries, never runs) and some prose.
 */
final class MarkdownShape implements FileShape.Writer {

    @Override
    public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
        Path path = folder.resolve(ModelNames.fileStem(model) + "_benchmark_report_" + index + ".md");
        SweepConfig config = sampler.anyConfig(model);
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report ").append(index).append("\n\n");
        md.append("Model: ").append(model).append('\n');
        md.append("Configuration: ").append(config.settingsLine()).append("\n\n");
        md.append("Generated on ").append(Stamps.at(index, 0)).append(" by the banter benchmark rig.\n\n");
        md.append("## Runs\n\n");
        md.append("| prompt_index | ttft_s | tokens_s | eval_count | load_s |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        double sumTps = 0;
        double sumTtft = 0;
        int rows = CsvShapes.PROMPTS.length;
        for (int p = 0; p < rows; p++) {
            RunSample run;
            do { // the table has no error column: the rig left failed calls out and ran them again
                run = sampler.sample(model, config);
            } while (run.failed());
            md.append("| ").append(p + 1).append(" | ").append(Stamps.twoDecimals(run.ttftS()))
                    .append(" | ").append(Stamps.twoDecimals(run.tokensS())).append(" | ").append(run.evalCount())
                    .append(" | ").append(Stamps.twoDecimals(run.loadS())).append(" |\n");
            sumTps += run.tokensS();
            sumTtft += run.ttftS();
        }
        md.append("\n## Metrics\n\n");
        md.append("- Throughput: ").append(Stamps.twoDecimals(sumTps / rows)).append(" tok/s\n");
        md.append("- TTFT: ").append(Stamps.twoDecimals(sumTtft / rows)).append(" s\n\n");
        md.append("## Observations\n\n");
        md.append("Throughput stayed within a few percent across prompts; the first call paid the model load.\n");
        Files.writeString(path, md, StandardCharsets.UTF_8);
        return new GeneratedFile(path, FileShape.MARKDOWN_REPORT, model, rows, 0);
    }
}
