package io.chimera.insight.platform.stats;

import java.util.List;

/**
 * Two configuration keys whose levels, in this data, go together: every level of one comes with a
 * single level of the other, so whatever one key's levels show, the other's show too and the two
 * effects cannot be told apart. Neither is more of a cause than the other, whatever their η² ranks.
 *
 * @param oneToOne       each level of either key comes with one level of the other; when false,
 *                       {@code keyA}'s level determines {@code keyB}'s only if {@code determining} is keyA
 * @param determining    the key whose level fixes the other's (either one when {@code oneToOne})
 * @param pairs          the level pairs present, each {@code [levelA, levelB]}
 */
public record ConfoundedKeys(String keyA, String keyB, ComparedMetric metric, boolean oneToOne,
                             String determining, List<List<String>> pairs) {

    public ConfoundedKeys {
        pairs = pairs.stream().map(List::copyOf).toList();
    }
}
