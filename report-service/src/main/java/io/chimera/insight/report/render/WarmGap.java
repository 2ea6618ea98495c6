package io.chimera.insight.report.render;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ParameterEffects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A level of a configuration key whose runs have a TTFT but none of them is warm (every one paid a
 * model load, or some report no load duration). The warm-run effects ({@link ParameterEffects}) can only
 * pool warm runs, so such a level has no row there; the report names it instead of leaving it out, as
 * in a sweep where the first run after each change is the only run at one level.
 *
 * @param configs   configurations with this level
 * @param runs      their successful runs
 * @param coldRuns  those classified cold
 */
record WarmGap(String key, String level, int configs, long runs, long coldRuns) {

    /** Every such level of every key, by key then level; none when the aggregate does not tell cold from warm. */
    static List<WarmGap> of(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        if (cold == null || cold.getStatus() != ColdStartStatus.CLASSIFIED) {
            return List.of();
        }
        Map<List<String>, long[]> byLevel = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing((a, b) -> ParameterEffects.compareLevels(a.get(1), b.get(1))));
        for (ConfigStats config : metrics.getConfigs()) {
            long ttft = count(config.getMetrics().get(ComparedMetric.TTFT_MS.name()));
            long warm = count(config.getWarmMetrics().get(ComparedMetric.TTFT_MS.name()));
            config.getConfig().forEach((key, level) -> {
                long[] sums = byLevel.computeIfAbsent(List.of(key, level), k -> new long[5]);
                sums[0]++;
                sums[1] += config.getRuns() - config.getFailedRuns();
                sums[2] += config.getColdRuns();
                sums[3] += ttft;
                sums[4] += warm;
            });
        }
        List<WarmGap> gaps = new ArrayList<>();
        byLevel.forEach((keyLevel, sums) -> {
            if (sums[3] > 0 && sums[4] == 0) {
                gaps.add(new WarmGap(keyLevel.get(0), keyLevel.get(1), (int) sums[0], sums[1], sums[2]));
            }
        });
        return gaps;
    }

    /** The gaps of one key. */
    static List<WarmGap> of(List<WarmGap> gaps, String key) {
        return gaps.stream().filter(gap -> gap.key().equals(key)).toList();
    }

    /** Why the level has no warm figure, with its counts. */
    String describe() {
        if (coldRuns >= runs) {
            return runs == 1 ? "no warm run: its one run was cold" : "no warm run: all " + runs + " runs were cold";
        }
        return "no warm run: " + coldRuns + " of " + runs + " runs were cold, the others are neither cold nor warm";
    }

    private static long count(MetricStats stats) {
        return stats == null ? 0 : stats.getCount();
    }
}
