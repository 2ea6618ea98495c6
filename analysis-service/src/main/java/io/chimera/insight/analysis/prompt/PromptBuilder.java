package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.MetricDisplayOrder;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ModelFigures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the grounded prompt for one model from its aggregate alone: the system prompt is the
 * persona plus the output contract; the user prompt lists the facts and the task. Raw benchmark
 * files never reach the model. The facts, in order: run and file counts and the cold-start split
 * ({@link FactSheet#coldStartLine}); per-metric statistics; the best configuration per headline
 * metric by the report's rule ({@link ConfigComparison#bestReplicated}, or why none is named) and the
 * report's recommendations with their reasons ({@link RecommendationFacts}); the per-parameter
 * effects with Holm-corrected p-values and each level's mean and interval ({@link EffectFacts}); the
 * interactions: flagged key pairs and confounded ones ({@link InteractionFacts}); the configurations
 * ({@link ConfigRanking}); the performance changes the aggregation's change detection found, newest
 * first ({@link ChangeFacts}).
 *
 * <p>When the facts would not fit in {@code num_ctx} minus the answer reserve, the longest prefix of
 * one priority order that fits is kept: metrics, recommendations, the effects' key lines, the
 * interactions, the effects' levels (see {@link EffectFacts#keepOrder()}), then the configurations,
 * most informative first, then the performance changes, newest first. So the older changes go
 * first, then the configurations, then the levels of lower-ranked keys, then
 * the levels between a key's highest and lowest, then interaction pairs, then keys, then
 * recommendations, and last the lowest-priority metrics. Everything dropped is listed
 * in {@link Prompt#omittedFacts()} and the prompt says that the list is incomplete. If even the
 * header does not fit, the prompt is returned over budget and {@link Prompt#estimatedTokens()}
 * shows it.
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
        return build(metrics, ModelFigures.of(metrics));
    }

    /**
     * The prompt of {@code metrics}, whose effects, interactions and recommendations {@code figures}
     * holds already: an analysis works them out once for the prompt and the verifier.
     */
    public Prompt build(ModelMetrics metrics, ModelFigures figures) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(figures, "figures");
        Facts facts = new Facts(metrics, figures);
        int all = facts.order.size();
        String complete = facts.userPrompt(all);
        if (fits(complete)) {
            return prompt(complete, List.of());
        }
        // The longest prefix that fits: a longer prefix is a longer prompt (every line outweighs the
        // "(k more ... omitted)" note it shortens), so a binary search finds it in log(n) renderings.
        int low = 0;
        int high = all - 1;
        String best = null;
        int kept = 0;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            String candidate = facts.userPrompt(middle);
            if (fits(candidate)) {
                best = candidate;
                kept = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (best == null) {
            best = facts.userPrompt(0);
        }
        List<String> omitted = facts.order.subList(kept, all).stream().map(PromptFact::omissionLabel).toList();
        return prompt(best, omitted);
    }

    private boolean fits(String user) {
        return TokenEstimator.estimateChars((long) system.length() + user.length()) <= settings.promptBudgetTokens();
    }

    private Prompt prompt(String user, List<String> omitted) {
        int tokens = TokenEstimator.estimateChars((long) system.length() + user.length());
        return new Prompt(system, user, tokens, omitted);
    }

    private static String task(String model) {
        return "Task: analyse model " + Labels.forPrompt(model) + " from these facts only, and answer with the JSON object"
                + " described in your instructions.";
    }

    private static List<PromptFact> metricFacts(Map<String, MetricStats> metrics) {
        return metrics.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(MetricDisplayOrder.BY_RANK_THEN_NAME))
                .map(entry -> new PromptFact(FactSheet.metricLine(entry.getKey(), entry.getValue()),
                        "metric " + entry.getKey() + " (n=" + entry.getValue().getCount() + ")"))
                .toList();
    }

    private static String joinLines(List<PromptFact> facts) {
        return String.join("\n", facts.stream().map(PromptFact::line).toList());
    }

    /** The facts of one aggregate: the fixed blocks, and the droppable lines in the order they are kept. */
    private static final class Facts {
        private final ModelMetrics metrics;
        private final String header;
        private final String best;
        private final List<PromptFact> metricFacts;
        private final RecommendationFacts recommendations;
        private final EffectFacts effects;
        private final InteractionFacts interactions;
        private final List<PromptFact> configFacts;
        /** Each configuration fact's place in the configurations block ({@link ConfigRanking#forDisplay}). */
        private final Map<PromptFact, Integer> displayPlace = new IdentityHashMap<>();
        private final ChangeFacts changes;
        private final List<PromptFact> order = new ArrayList<>();

        Facts(ModelMetrics metrics, ModelFigures figures) {
            this.metrics = metrics;
            ConfigComparison comparison = ConfigComparison.of(metrics);
            header = FactSheet.header(metrics) + "\n" + FactSheet.coldStartLine(metrics);
            best = metrics.getConfigs().isEmpty() ? null : FactSheet.BEST_HEADING + "\n"
                    + FactSheet.bestLine(comparison, ComparedMetric.TOKENS_PER_S) + "\n"
                    + FactSheet.bestLine(comparison, ComparedMetric.TTFT_MS);
            metricFacts = metricFacts(metrics.getMetrics());
            recommendations = RecommendationFacts.of(metrics, figures.recommendations());
            effects = EffectFacts.of(figures.effects());
            interactions = InteractionFacts.of(figures.interactions());
            Map<ConfigStats, PromptFact> factOf = new IdentityHashMap<>();
            configFacts = ConfigRanking.mostInformativeFirst(metrics.getConfigs(), comparison).stream()
                    .map(config -> {
                        String settings = FactSheet.settings(config);
                        PromptFact fact = new PromptFact(FactSheet.configLine(config, settings),
                                "configuration " + settings + " (runs=" + config.getRuns() + ")");
                        factOf.put(config, fact);
                        return fact;
                    })
                    .toList();
            // Sorted once: each rendering (several when the prompt is over budget) keeps this order.
            List<ConfigStats> shown = new ArrayList<>(factOf.keySet());
            shown.sort(ConfigRanking.forDisplay(comparison));
            for (int place = 0; place < shown.size(); place++) {
                displayPlace.put(factOf.get(shown.get(place)), place);
            }
            order.addAll(metricFacts);
            order.addAll(recommendations.keepOrder());
            List<PromptFact> effectOrder = effects.keepOrder();
            order.addAll(effectOrder.subList(0, effects.keyCount()));
            order.addAll(interactions.keepOrder());
            order.addAll(effectOrder.subList(effects.keyCount(), effectOrder.size()));
            order.addAll(configFacts);
            changes = ChangeFacts.of(metrics.getChanges());
            order.addAll(changes.lines());
        }

        /** The user prompt with the first {@code keep} facts of {@link #order}. */
        String userPrompt(int keep) {
            Set<PromptFact> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(order.subList(0, keep));
            List<String> blocks = new ArrayList<>();
            blocks.add(header);
            List<PromptFact> keptMetrics = metricFacts.stream().filter(kept::contains).toList();
            blocks.add(FactSheet.METRICS_HEADING + "\n"
                    + (keptMetrics.isEmpty() ? "- none listed" : joinLines(keptMetrics)));
            if (best != null) {
                blocks.add(best);
            }
            if (!recommendations.isEmpty()) {
                String block = recommendations.block(kept);
                if (block != null) {
                    blocks.add(block);
                }
            }
            if (!effects.isEmpty()) {
                blocks.add(effects.block(kept));
            }
            if (!interactions.isEmpty()) {
                blocks.add(interactions.block(kept));
            }
            List<PromptFact> keptConfigs = new ArrayList<>(configFacts.stream().filter(kept::contains).toList());
            if (!keptConfigs.isEmpty()) {
                keptConfigs.sort(Comparator.comparingInt(displayPlace::get));
                blocks.add(FactSheet.CONFIGS_HEADING + "\n" + joinLines(keptConfigs));
            }
            if (!changes.isEmpty()) {
                blocks.add(changes.block(kept));
            }
            if (keep < order.size()) {
                blocks.add(FactSheet.OMISSION_NOTE);
            }
            blocks.add(task(metrics.getModel()));
            return String.join(BLOCK_SEPARATOR, blocks);
        }
    }
}
