package io.chimera.insight.analysis.prompt;

import java.util.Comparator;
import java.util.List;

/** The canonical metrics that matter most for an inference report, in the order the prompt lists them. */
final class KeyMetrics {

    static final String TOKENS_PER_S = "tokens_per_s";
    static final String TTFT_MS = "ttft_ms";

    /** Throughput and responsiveness first, then the server's breakdown, then token counts. */
    private static final List<String> PRIORITY = List.of(
            TOKENS_PER_S, TTFT_MS, "latency_ms", "total_duration_ms", "eval_duration_ms",
            "prompt_eval_duration_ms", "load_duration_ms", "eval_count", "prompt_eval_count");

    /** Key metrics in {@link #PRIORITY} order, then every other metric alphabetically. */
    static final Comparator<String> ORDER = Comparator
            .comparingInt(KeyMetrics::rank)
            .thenComparing(Comparator.naturalOrder());

    private KeyMetrics() {
    }

    private static int rank(String metric) {
        int index = PRIORITY.indexOf(metric);
        return index < 0 ? PRIORITY.size() : index;
    }
}
