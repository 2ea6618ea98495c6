package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.Recommendation;
import io.chimera.insight.platform.stats.Recommendations;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The report's recommendations ({@link Recommendations}) as prompt lines, each its reason sentence
 * (which carries its n, interval and test), so the narrative recommends what the report does and
 * nothing a single run suggests. A sentence that names a configuration key or value the prompt
 * withholds ({@link Labels}) is withheld whole. Kept when not all fit: in the report's order.
 */
final class RecommendationFacts {

    static final String HEADING = "Recommendations (the report's, each with the numbers it rests on; a configuration"
            + " is named only from 2 or more runs of it, a key's level only from a significant effect):";

    private final List<PromptFact> lines;

    private RecommendationFacts(List<PromptFact> lines) {
        this.lines = List.copyOf(lines);
    }

    static RecommendationFacts of(ModelMetrics metrics, Recommendations recommendations) {
        List<String> unsafe = metrics.getConfigs().stream()
                .map(ConfigStats::getConfig)
                .flatMap(config -> config.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())))
                .filter(text -> !Labels.isSafe(text))
                .distinct()
                .toList();
        List<PromptFact> lines = recommendations.all().stream()
                .map(r -> new PromptFact(line(r, unsafe), "recommendation " + r.metric().name() + " "
                        + (unsafe.stream().anyMatch(r.setting()::contains) ? Labels.WITHHELD : r.setting())))
                .toList();
        return new RecommendationFacts(lines);
    }

    private static String line(Recommendation recommendation, List<String> unsafe) {
        if (unsafe.stream().anyMatch(recommendation.reason()::contains)) {
            return "- " + Labels.WITHHELD + " (a recommendation naming free text from the files)";
        }
        return "- " + recommendation.reason();
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<PromptFact> keepOrder() {
        return lines;
    }

    String block(Set<PromptFact> kept) {
        StringBuilder out = new StringBuilder(HEADING);
        int omitted = 0;
        for (PromptFact line : lines) {
            if (kept.contains(line)) {
                out.append('\n').append(line.line());
            } else {
                omitted++;
            }
        }
        if (omitted == lines.size()) {
            return null;
        }
        if (omitted > 0) {
            out.append("\n(").append(omitted).append(omitted == 1 ? " more recommendation omitted)"
                    : " more recommendations omitted)");
        }
        return out.toString();
    }
}
