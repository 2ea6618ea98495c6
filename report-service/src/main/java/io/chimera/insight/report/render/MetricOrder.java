package io.chimera.insight.report.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The order metrics appear in: the headline canonical ones first, then the rest alphabetically. */
public final class MetricOrder {

    public static final String TOKENS_PER_S = "tokens_per_s";
    public static final String TTFT_MS = "ttft_ms";

    private static final List<String> CANONICAL = List.of(TOKENS_PER_S, TTFT_MS, "total_duration_ms", "latency_ms",
            "load_duration_ms", "prompt_eval_duration_ms", "eval_duration_ms", "eval_count", "prompt_eval_count");

    private MetricOrder() {
    }

    public static List<String> sorted(Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(MetricOrder::rank).thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private static int rank(String name) {
        int index = CANONICAL.indexOf(name);
        return index < 0 ? CANONICAL.size() : index;
    }
}
