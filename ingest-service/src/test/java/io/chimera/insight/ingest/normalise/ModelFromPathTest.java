package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelFromPathTest {

    private final ModelFromPath resolver = new ModelFromPath(MappingRules.bundled().modelFamilies());

    @ParameterizedTest
    @CsvSource({
            "reports/gemma3/gemma3_270m_param_tuning.csv, gemma3:270m",
            "gemma3_1b-it-qat_baseline.csv, gemma3:1b-it-qat",
            "gemma3_baseline.csv, gemma3",
            "reports/gemma3/SUMMARY.md, gemma3",
            "runs/llama3.1_8b_sweep.json, llama3.1:8b",
            "Gemma3_Benchmark_Report.md, gemma3",
            "llama3_q4_benchmark_runs.csv, llama3",
            "gemma3_270m/results.csv, gemma3:270m"})
    void readsTheModelFromTheFileNameThenItsFolders(String path, String model) {
        assertThat(resolver.resolve(path)).contains(model);
    }

    @ParameterizedTest
    @CsvSource({
            "reports/llama3x/ollama_param_tuning.csv",
            "demo_agent_runs/Demo_rust_agent_out/metrics.json",
            "philosophy_results.csv"})
    void namesNoModelWhenNoKnownFamilyAppears(String path) {
        assertThat(resolver.resolve(path)).isEqualTo(Optional.empty());
    }
}
