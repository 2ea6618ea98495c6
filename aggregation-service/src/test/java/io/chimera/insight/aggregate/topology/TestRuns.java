package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of input records for the topology tests. */
public final class TestRuns {

    private TestRuns() {
    }

    /** A file of the test: id, content hash, path, ingest time. */
    public record TestFile(String fileId, String sha256, String path, Instant ingestedAt) {

        public static TestFile of(String name, String version, Instant ingestedAt) {
            return new TestFile("id-" + name, "sha-" + name + "-" + version, "results/" + name, ingestedAt);
        }

        /** A successful run with one metric per pair of (name, value) in {@code metrics}. */
        public BenchmarkRun run(String model, int row, Map<String, String> config, Map<String, Double> metrics) {
            Map<String, Metric> measured = new LinkedHashMap<>();
            metrics.forEach((name, value) -> measured.put(name, metric(name, value)));
            return builder(model, row, config).setMetrics(measured).build();
        }

        public BenchmarkRun failedRun(String model, int row, Map<String, String> config, Map<String, Double> metrics) {
            Map<String, Metric> measured = new LinkedHashMap<>();
            metrics.forEach((name, value) -> measured.put(name, metric(name, value)));
            return builder(model, row, config).setMetrics(measured).setOk(false).setError("CUDA out of memory").build();
        }

        public BenchmarkRun summary(String model, int row, Map<String, String> config, Map<String, Double> metrics) {
            Map<String, Metric> measured = new LinkedHashMap<>();
            metrics.forEach((name, value) -> measured.put(name, metric(name, value)));
            return builder(model, row, config).setMetrics(measured).setKind(RecordKind.SUMMARY).build();
        }

        BenchmarkFile event(List<String> models) {
            return BenchmarkFile.newBuilder()
                    .setFileId(fileId)
                    .setPath(path)
                    .setSha256(sha256)
                    .setFormat(FileFormat.CSV)
                    .setIngestedAt(ingestedAt)
                    .setModifiedAt(ingestedAt)
                    .setModels(models)
                    .build();
        }

        private BenchmarkRun.Builder builder(String model, int row, Map<String, String> config) {
            return BenchmarkRun.newBuilder()
                    .setRunId(fileId + "#row " + row)
                    .setFileId(fileId)
                    .setFileSha256(sha256)
                    .setPath(path)
                    .setLocator("row " + row)
                    .setModel(model)
                    .setConfig(new LinkedHashMap<>(config))
                    .setIngestedAt(ingestedAt);
        }
    }

    /** Canonical units of the metrics the tests use. */
    static Metric metric(String name, double value) {
        String unit = switch (name) {
            case "tokens_per_s" -> "tokens/s";
            case "eval_count" -> "tokens";
            default -> name.endsWith("_ms") ? "ms" : "";
        };
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName(name).build();
    }
}
