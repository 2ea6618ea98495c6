package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's configurations read once into columns, for the figures worked out from all of them
 * ({@link ParameterEffects}, {@link KeyInteractions}): each configuration key's level in each
 * configuration as its rank in the key's level order, and per metric population each configuration's
 * moments and their {@link GroupSummary}. Both walked every key, and every pair of keys, for both
 * metrics, looking each configuration's levels up by hash, its moments up by metric name, and
 * ordering the levels they met, again each time: a prompt's figures did that some 3,000 times for a
 * model of 50 configurations and 7 keys, and the hash look-ups, grouping maps and sorts were most of the
 * effects' and the interactions' CPU (JFR of {@code PromptBenchmark}). Here each is done once;
 * a key's levels come out in {@link LevelOrder}, whatever subset of them a walk meets.
 * Immutable once made; one per computation.
 */
final class ConfigColumns {

    /** The rank of a configuration that does not set the key (or sets it to null). */
    static final int UNSET = -1;

    private final int configCount;
    private final List<String> keys;
    /** {@code [key][config]}: the configuration's level of the key, as its rank in {@link #levels}; {@link #UNSET}. */
    private final int[][] ranks;
    /** {@code [key][rank]}: the key's levels in level order. */
    private final String[][] levels;
    private final List<Column> populations;

    private ConfigColumns(int configCount, List<String> keys, int[][] ranks, String[][] levels,
                          List<Column> populations) {
        this.configCount = configCount;
        this.keys = keys;
        this.ranks = ranks;
        this.levels = levels;
        this.populations = populations;
    }

    /** The columns of {@code metrics}' configurations, keys in name order, tokens/s then TTFT ({@link MetricPopulation#of}). */
    static ConfigColumns of(ModelMetrics metrics) {
        List<ConfigStats> configs = metrics.getConfigs();
        // One pass over each configuration's settings: each key's column of levels, by key.
        Map<String, String[]> levelsByKey = new HashMap<>();
        for (int c = 0; c < configs.size(); c++) {
            int config = c;
            configs.get(c).getConfig().forEach((key, level) ->
                    levelsByKey.computeIfAbsent(key, k -> new String[configs.size()])[config] = level);
        }
        List<String> keys = new ArrayList<>(levelsByKey.keySet());
        keys.sort(null);
        int[][] ranks = new int[keys.size()][];
        String[][] levels = new String[keys.size()][];
        LevelOrder order = new LevelOrder();
        for (int k = 0; k < keys.size(); k++) {
            String[] levelOf = levelsByKey.get(keys.get(k));
            // The key's distinct levels, then each one's rank once they are sorted.
            Map<String, Integer> rankOf = new HashMap<>();
            for (String level : levelOf) {
                if (level != null) {
                    rankOf.putIfAbsent(level, UNSET);
                }
            }
            List<String> sorted = new ArrayList<>(rankOf.keySet());
            sorted.sort(order);
            for (int r = 0; r < sorted.size(); r++) {
                rankOf.put(sorted.get(r), r);
            }
            levels[k] = sorted.toArray(String[]::new);
            ranks[k] = new int[levelOf.length];
            for (int c = 0; c < levelOf.length; c++) {
                ranks[k][c] = levelOf[c] == null ? UNSET : rankOf.get(levelOf[c]);
            }
        }
        List<Column> populations = new ArrayList<>(2);
        for (MetricPopulation population : MetricPopulation.of(metrics)) {
            populations.add(Column.of(configs, population));
        }
        return new ConfigColumns(configs.size(), keys, ranks, levels, List.copyOf(populations));
    }

    int configCount() {
        return configCount;
    }

    /** The configuration keys, in name order: every key any configuration sets, once. */
    List<String> keys() {
        return keys;
    }

    /** The rank of configuration {@code config}'s level of key {@code key}, or {@link #UNSET}. */
    int rank(int key, int config) {
        return ranks[key][config];
    }

    /** How many levels key {@code key} has across every configuration. */
    int levelCount(int key) {
        return levels[key].length;
    }

    /** The level of key {@code key} at rank {@code rank}. */
    String level(int key, int rank) {
        return levels[key][rank];
    }

    /** Tokens/s, then TTFT. */
    List<Column> populations() {
        return populations;
    }

    /**
     * One metric population over the configurations: each configuration's moments of it
     * ({@link MetricPopulation#stats}) and their summary, null where it has no such run.
     */
    static final class Column {
        private final MetricPopulation population;
        private final MetricStats[] stats;
        private final GroupSummary[] summaries;

        private Column(MetricPopulation population, MetricStats[] stats, GroupSummary[] summaries) {
            this.population = population;
            this.stats = stats;
            this.summaries = summaries;
        }

        private static Column of(List<ConfigStats> configs, MetricPopulation population) {
            MetricStats[] stats = new MetricStats[configs.size()];
            GroupSummary[] summaries = new GroupSummary[configs.size()];
            for (int c = 0; c < stats.length; c++) {
                stats[c] = population.stats(configs.get(c));
                summaries[c] = stats[c] == null ? null : GroupSummary.of(stats[c]);
            }
            return new Column(population, stats, summaries);
        }

        MetricPopulation population() {
            return population;
        }

        /** The configuration's moments of this population; null when it has no such run. */
        MetricStats stats(int config) {
            return stats[config];
        }

        /** {@link GroupSummary#of} the configuration's moments; null when it has no such run. */
        GroupSummary summary(int config) {
            return summaries[config];
        }
    }
}
