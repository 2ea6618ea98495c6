package io.chimera.insight.platform.stats;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ParameterEffects#compareLevels(String, String)}, each level read as a number once: ordering
 * the levels of every key (and of every pair of keys, {@link KeyPairCells}) read both levels again at
 * every comparison, through {@link Double#parseDouble} and, for a level that is no number, its
 * exception; that was the largest allocation of working out a model's effects (JFR, bench step 9).
 * One instance per computation (not thread-safe; it remembers the levels it has seen).
 */
final class LevelOrder implements Comparator<String> {

    /** NaN for a level that is no number ({@link ParameterEffects#number} gives only finite values). */
    private final Map<String, Double> numbers = new HashMap<>();

    @Override
    public int compare(String a, String b) {
        return ParameterEffects.compareLevels(a, numberOf(a), b, numberOf(b));
    }

    private Double numberOf(String level) {
        Double value = numbers.computeIfAbsent(level, l -> {
            Double number = ParameterEffects.number(l);
            return number == null ? Double.NaN : number;
        });
        return value.isNaN() ? null : value;
    }
}
