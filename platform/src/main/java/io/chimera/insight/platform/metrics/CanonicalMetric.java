package io.chimera.insight.platform.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of canonical metrics: the one place their names are spelled. The ingest mapping
 * ({@code mapping.yaml}) turns rig fields into these names; the prompt, the report, its charts and
 * index, and the configuration comparison read them from here. A test in ingest-service checks that
 * the mapping defines every entry, in the same unit, and no metric besides.
 *
 * <p>The order of the constants is the display rank: prompt and report list a model's metrics in
 * this order (see {@link MetricDisplayOrder}). Throughput and responsiveness come first, as a
 * reader of an inference report asks about them first. {@code latency_ms} comes before
 * {@code total_duration_ms}: it is the wait as the client saw it (queueing and network included),
 * the figure a user feels, while the server's total is the start of its own breakdown, which follows
 * in the order the phases happen (load, prompt evaluation, generation). Token counts come last: they
 * describe the workload, not its speed. (The prompt and the report used to keep two lists that
 * disagreed on exactly these points.)
 */
public enum CanonicalMetric {

    TOKENS_PER_S("tokens_per_s", "tokens/s", Better.HIGHER, true),
    TTFT_MS("ttft_ms", "ms", Better.LOWER, true),
    LATENCY_MS("latency_ms", "ms", Better.LOWER, false),
    TOTAL_DURATION_MS("total_duration_ms", "ms", Better.LOWER, false),
    LOAD_DURATION_MS("load_duration_ms", "ms", Better.LOWER, false),
    PROMPT_EVAL_DURATION_MS("prompt_eval_duration_ms", "ms", Better.LOWER, false),
    EVAL_DURATION_MS("eval_duration_ms", "ms", Better.LOWER, false),
    EVAL_COUNT("eval_count", "tokens", Better.NEITHER, false),
    PROMPT_EVAL_COUNT("prompt_eval_count", "tokens", Better.NEITHER, false),
    TOTAL_TOKENS("total_tokens", "tokens", Better.NEITHER, false),
    RESPONSE_CHARS("response_chars", "chars", Better.NEITHER, false);

    private static final Map<String, CanonicalMetric> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CanonicalMetric::canonicalName, Function.identity()));

    private final String canonicalName;
    private final String unit;
    private final Better better;
    private final boolean headline;

    CanonicalMetric(String canonicalName, String unit, Better better, boolean headline) {
        this.canonicalName = canonicalName;
        this.unit = unit;
        this.better = better;
        this.headline = headline;
    }

    /** The metric by its canonical name; empty for a metric the catalogue does not know (a user mapping may add some). */
    public static Optional<CanonicalMetric> named(String canonicalName) {
        return Optional.ofNullable(BY_NAME.get(canonicalName));
    }

    /** The headline metrics (the ones a summary, a comparison and the index lead with), in display order. */
    public static List<CanonicalMetric> headlines() {
        return Arrays.stream(values()).filter(CanonicalMetric::headline).toList();
    }

    /** The key under which runs and aggregates carry this metric ({@code tokens_per_s}). */
    public String canonicalName() {
        return canonicalName;
    }

    /** The unit values are normalised to, as the ingest mapping spells it ({@code ms}, {@code tokens/s}). */
    public String unit() {
        return unit;
    }

    public Better better() {
        return better;
    }

    /** Whether summaries, comparisons and the index lead with this metric. */
    public boolean headline() {
        return headline;
    }

    /** Position in displays, 0 first: the declaration order (see the class comment for why it is this one). */
    public int displayRank() {
        return ordinal();
    }
}
