package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.MetricDisplayOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the grounded prompt for one model from its aggregate alone: the system prompt is the
 * persona plus the output contract; the user prompt lists the facts (run and file counts, per-metric
 * statistics, per-configuration means) and the task. Raw benchmark files never reach the model.
 *
 * <p>When the facts would not fit in {@code num_ctx} minus the answer reserve, configurations are
 * dropped least informative first (see {@link ConfigRanking}); if the metrics alone are still too
 * many, the lowest-priority metrics go too. Everything dropped is listed in
 * {@link Prompt#omittedFacts()} and the prompt says that the list is incomplete. If even the header
 * does not fit, the prompt is returned over budget and {@link Prompt#estimatedTokens()} shows it.
 *
 * <p>Thread-safe and stateless per call.
 */
public final class PromptBuilder {

    public static final String OUTPUT_RULES_RESOURCE = "/io/chimera/insight/analysis/output-rules.txt";

    private static final String BLOCK_SEPARATOR = "\n\n";

    private final PromptSettings settings;
    private final String system;

    public PromptBuilder(PromptSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.system = settings.persona().strip() + BLOCK_SEPARATOR + ClasspathText.read(OUTPUT_RULES_RESOURCE).strip();
    }

    public static PromptBuilder withDefaults() {
        return new PromptBuilder(PromptSettings.defaults());
    }

    public PromptSettings settings() {
        return settings;
    }

    public Prompt build(ModelMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        List<Fact> metricFacts = metricFacts(metrics.getMetrics());
        List<Fact> configFacts = ConfigRanking.mostInformativeFirst(metrics.getConfigs()).stream()
                .map(PromptBuilder::configFact)
                .toList();

        String header = FactSheet.header(metrics);
        String task = task(metrics.getModel());
        String complete = userPrompt(header, metricFacts, configFacts, false, task);
        if (fits(complete)) {
            return prompt(complete, List.of());
        }

        long budgetChars = (long) settings.promptBudgetTokens() * TokenEstimator.CHARS_PER_TOKEN;
        long used = system.length() + userPrompt(header, List.of(), List.of(), true, task).length()
                + FactSheet.CONFIGS_HEADING.length() + BLOCK_SEPARATOR.length();
        List<String> omitted = new ArrayList<>();
        Budget budget = new Budget(budgetChars - used);
        List<Fact> keptMetrics = budget.keepWhileFits(metricFacts, omitted);
        List<Fact> keptConfigs = budget.keepWhileFits(configFacts, omitted);
        return prompt(userPrompt(header, keptMetrics, keptConfigs, true, task), omitted);
    }

    private boolean fits(String user) {
        return TokenEstimator.estimateChars((long) system.length() + user.length()) <= settings.promptBudgetTokens();
    }

    private Prompt prompt(String user, List<String> omitted) {
        int tokens = TokenEstimator.estimateChars((long) system.length() + user.length());
        return new Prompt(system, user, tokens, omitted);
    }

    private static String userPrompt(String header, List<Fact> metrics, List<Fact> configs,
                                     boolean incomplete, String task) {
        List<String> blocks = new ArrayList<>();
        blocks.add(header);
        blocks.add(FactSheet.METRICS_HEADING + "\n"
                + (metrics.isEmpty() ? "- none listed" : joinLines(metrics)));
        if (!configs.isEmpty()) {
            blocks.add(FactSheet.CONFIGS_HEADING + "\n" + joinLines(sortedFastestFirst(configs)));
        }
        if (incomplete) {
            blocks.add(FactSheet.OMISSION_NOTE);
        }
        blocks.add(task);
        return String.join(BLOCK_SEPARATOR, blocks);
    }

    private static String task(String model) {
        return "Task: analyse model " + Labels.forPrompt(model) + " from these facts only, and answer with the JSON object"
                + " described in your instructions.";
    }

    private static List<Fact> metricFacts(Map<String, MetricStats> metrics) {
        return metrics.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(MetricDisplayOrder.BY_RANK_THEN_NAME))
                .map(entry -> new Fact(FactSheet.metricLine(entry.getKey(), entry.getValue()),
                        "metric " + entry.getKey() + " (n=" + entry.getValue().getCount() + ")", null))
                .toList();
    }

    private static Fact configFact(ConfigStats config) {
        return new Fact(FactSheet.configLine(config),
                "configuration " + FactSheet.settings(config) + " (runs=" + config.getRuns() + ")", config);
    }

    /** Kept configurations are shown fastest first, whatever order they were kept in. */
    private static List<Fact> sortedFastestFirst(List<Fact> configs) {
        List<Fact> sorted = new ArrayList<>(configs);
        sorted.sort((a, b) -> ConfigRanking.byMeanTokensPerSDescending().compare(a.config(), b.config()));
        return sorted;
    }

    private static String joinLines(List<Fact> facts) {
        return String.join("\n", facts.stream().map(Fact::line).toList());
    }

    /**
     * One prompt line and how to name it if it is left out.
     *
     * @param config the configuration behind the line; null for metric lines
     */
    private record Fact(String line, String omissionLabel, ConfigStats config) {
    }

    /** Characters still free; facts are taken in priority order until the first that does not fit. */
    private static final class Budget {
        private long remainingChars;

        Budget(long remainingChars) {
            this.remainingChars = remainingChars;
        }

        List<Fact> keepWhileFits(List<Fact> facts, List<String> omitted) {
            List<Fact> kept = new ArrayList<>();
            for (Fact fact : facts) {
                long cost = fact.line().length() + 1L;
                if (omitted.isEmpty() && cost <= remainingChars) {
                    kept.add(fact);
                    remainingChars -= cost;
                } else {
                    omitted.add(fact.omissionLabel());
                }
            }
            return kept;
        }
    }
}
