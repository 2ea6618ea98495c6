package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A model's or configuration's files, listed as a sorted set lists them, whenever they are listed, in lists that never change. */
class SortedPathsTest {

    @Test
    void listsThePathsInTheOrderOfASortedSetAfterAnyAdditions() {
        Random random = new Random(23);
        SortedPaths paths = new SortedPaths();
        TreeSet<String> expected = new TreeSet<>();
        List<List<String>> earlier = new ArrayList<>();
        List<List<String>> earlierCopies = new ArrayList<>();
        // Surrogate pairs and private-use characters: String order, not code point or byte order.
        String[] stems = {"results/", "results/b", "x\uD83D\uDE00", "x\uE000", "a"};
        for (int step = 0; step < 2_000; step++) {
            String path = stems[random.nextInt(stems.length)] + random.nextInt(300) + ".csv";
            assertThat(paths.add(path)).as("step %d: new", step).isEqualTo(expected.add(path));
            if (random.nextInt(20) == 0) {
                List<String> listed = paths.toList();
                assertThat(listed).as("step %d", step).containsExactlyElementsOf(new ArrayList<>(expected));
                earlier.add(listed);
                earlierCopies.add(new ArrayList<>(listed));
            }
        }
        assertThat(paths.size()).isEqualTo(expected.size());
        assertThat(paths.toList()).containsExactlyElementsOf(new ArrayList<>(expected));
        // Listings handed out before are not changed by later additions (records share them), nor can be.
        assertThat(earlier).isEqualTo(earlierCopies);
        assertThatThrownBy(() -> paths.toList().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** A configuration's files are mostly one: it is listed alone, again and again, until a second comes. */
    @Test
    void oneFileIsListedAloneAndASecondGoesInItsPlace() {
        SortedPaths paths = new SortedPaths();
        assertThat(paths.size()).isZero();
        assertThat(paths.toList()).isEmpty();
        assertThat(paths.add("results/b.csv")).isTrue();
        assertThat(paths.add("results/b.csv")).isFalse();
        List<String> alone = paths.toList();
        assertThat(alone).containsExactly("results/b.csv");
        assertThat(paths.size()).isEqualTo(1);
        assertThat(paths.add("results/a.csv")).isTrue();
        assertThat(paths.add("results/b.csv")).isFalse();
        assertThat(paths.add("results/a.csv")).isFalse();
        assertThat(paths.size()).isEqualTo(2);
        assertThat(paths.toList()).containsExactly("results/a.csv", "results/b.csv");
        assertThat(alone).containsExactly("results/b.csv");
        assertThatThrownBy(() -> alone.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }
}
