package io.chimera.insight.bench.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files ingest must not turn into runs: each must end in a dead letter or an EMPTY file event. */
final class BadShapes {

    private BadShapes() {
    }

    /** Random bytes with NULs, like an Nsight Compute report. */
    static final class BinaryExport implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve("ncu_ollama_" + index + ".ncu-rep");
            byte[] bytes = new byte[2048 + sampler.random().nextInt(4096)];
            sampler.random().nextBytes(bytes);
            bytes[0] = 'N';
            bytes[1] = 'V';
            bytes[2] = 0;
            Files.write(path, bytes);
            return new GeneratedFile(path, FileShape.BINARY_EXPORT, model, 0, 0);
        }
    }

    /**
     * The bytes of {@code ncu_summary.csv}: a UTF-16LE error message behind a byte-order mark that
     * was itself re-encoded as UTF-8.
     */
    static final class Utf16Error implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve("ncu_report_" + index + ".csv");
            byte[] bom = "\u00ff\u00fe".getBytes(StandardCharsets.UTF_8);
            byte[] text = ("==ERROR== the argument for option '--page' is invalid. Use --help for further details.\r\n")
                    .getBytes(StandardCharsets.UTF_16LE);
            byte[] bytes = new byte[bom.length + text.length];
            System.arraycopy(bom, 0, bytes, 0, bom.length);
            System.arraycopy(text, 0, bytes, bom.length, text.length);
            Files.write(path, bytes);
            return new GeneratedFile(path, FileShape.UTF16_ERROR_CSV, model, 0, 0);
        }
    }

    /** A results file cut off while the rig was still writing its first run. */
    static final class TruncatedJson implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve(ModelNames.fileStem(model) + "_baseline_" + index + ".json");
            String whole = "{\n  \"model\": \"" + model + "\",\n  \"results\": [\n    {\n      \"prompt\": \""
                    + CsvShapes.PROMPTS[0] + "\",\n      \"ttft_s\": 0.1298854,\n      \"tokens_s\": 102.04";
            Files.writeString(path, whole, StandardCharsets.UTF_8);
            return new GeneratedFile(path, FileShape.TRUNCATED_JSON, model, 0, 0);
        }
    }

    /** Zero bytes. */
    static final class Empty implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve(ModelNames.fileStem(model) + "_benchmark_runs_" + index + ".csv");
            Files.write(path, new byte[0]);
            return new GeneratedFile(path, FileShape.EMPTY_FILE, model, 0, 0);
        }
    }
}
