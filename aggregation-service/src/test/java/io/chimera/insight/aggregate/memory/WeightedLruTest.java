package io.chimera.insight.aggregate.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedLruTest {

    @Test
    void evictsTheLeastRecentlyUsedFirst() {
        WeightedLru<String, String> lru = WeightedLru.counting(3);
        lru.put("a", "A");
        lru.put("b", "B");
        lru.put("c", "C");
        assertThat(lru.get("a")).isEqualTo("A");
        lru.put("d", "D");
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.containsKey("c")).isTrue();
        assertThat(lru.containsKey("d")).isTrue();
        lru.put("e", "E");
        assertThat(lru.containsKey("c")).isFalse();
        assertThat(lru.size()).isEqualTo(3);
    }

    @Test
    void askingWhetherAKeyIsHeldIsNoUse() {
        WeightedLru<String, String> lru = WeightedLru.counting(2);
        lru.put("a", "A");
        lru.put("b", "B");
        assertThat(lru.containsKey("a")).isTrue();
        lru.put("c", "C");
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.containsKey("b")).isTrue();
    }

    @Test
    void keepsTheWeightItsWeigherGivesWithinTheBudget() {
        WeightedLru<String, String> lru = WeightedLru.weighing(10, String::length);
        lru.put("a", "aaaa");
        lru.put("b", "bbbbb");
        assertThat(lru.weight()).isEqualTo(9);
        lru.put("c", "cc");
        // 11 > 10: the least recently used goes, the others fit.
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.weight()).isEqualTo(7);
        lru.put("d", "ddddddddd");
        // 16: both older entries go, the lighter too, as it was used after the other.
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("c")).isFalse();
        assertThat(lru.weight()).isEqualTo(9);
        assertThat(lru.size()).isEqualTo(1);
    }

    @Test
    void weightlessEntriesGoInTheirTurnToo() {
        WeightedLru<String, String> lru = WeightedLru.weighing(4, String::length);
        lru.put("empty", "");
        lru.put("a", "aaa");
        lru.put("b", "bb");
        assertThat(lru.containsKey("empty")).isFalse();
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.weight()).isEqualTo(2);
    }

    @Test
    void aNewestEntryOverTheWholeBudgetIsNotHeldWhenWeighing() {
        WeightedLru<String, String> lru = WeightedLru.weighing(5, String::length);
        lru.put("a", "aa");
        lru.put("big", "bbbbbbb");
        assertThat(lru.size()).isZero();
        assertThat(lru.weight()).isZero();
        assertThat(lru.get("big")).isNull();
    }

    @Test
    void aNewestEntryOverTheWholeBudgetStaysUntilAnotherIsUsedWhenKeepingNewest() {
        WeightedLru<String, String> lru = WeightedLru.keepingNewest(5, String::length);
        lru.put("a", "aa");
        lru.put("big", "bbbbbbb");
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.get("big")).isEqualTo("bbbbbbb");
        assertThat(lru.weight()).isEqualTo(7);
        lru.put("c", "c");
        assertThat(lru.containsKey("big")).isFalse();
        assertThat(lru.get("c")).isEqualTo("c");
        assertThat(lru.weight()).isEqualTo(1);
    }

    @Test
    void keepingNewestStillEvictsOlderEntriesWithinTheBudget() {
        WeightedLru<String, String> lru = WeightedLru.keepingNewest(5, String::length);
        lru.put("a", "aa");
        lru.put("b", "bb");
        lru.put("c", "cc");
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.containsKey("b")).isTrue();
        assertThat(lru.weight()).isEqualTo(4);
    }

    @Test
    void removalFreesItsWeight() {
        WeightedLru<String, String> lru = WeightedLru.weighing(5, String::length);
        lru.put("a", "aa");
        lru.put("b", "bb");
        assertThat(lru.remove("b")).isEqualTo("bb");
        assertThat(lru.remove("b")).isNull();
        assertThat(lru.weight()).isEqualTo(2);
        lru.put("c", "ccc");
        // 5 fits: had the removed entry still counted, "a" would have gone.
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.size()).isEqualTo(2);
    }

    @Test
    void aReplacedValueIsWeighedAnew() {
        WeightedLru<String, String> lru = WeightedLru.weighing(5, String::length);
        lru.put("a", "a");
        lru.put("k", "kk");
        lru.put("k", "kkkkk");
        assertThat(lru.weight()).isEqualTo(5);
        assertThat(lru.size()).isEqualTo(1);
        assertThat(lru.containsKey("a")).isFalse();
        lru.put("k", "k");
        assertThat(lru.weight()).isEqualTo(1);
    }

    @Test
    void aValueChangedInPlaceIsWeighedAgainAndUsedWhenReweighed() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(4, List::size);
        List<Integer> a = new ArrayList<>(List.of(1));
        lru.put("a", a);
        lru.put("b", new ArrayList<>(List.of(1)));
        a.add(2);
        assertThat(lru.weight()).isEqualTo(2);
        lru.reweigh("a");
        assertThat(lru.weight()).isEqualTo(3);
        lru.put("c", new ArrayList<>(List.of(1, 2)));
        // 5 > 4: "b" was used before the reweighed "a", so it goes first.
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.weight()).isEqualTo(4);
        lru.reweigh("missing");
        assertThat(lru.weight()).isEqualTo(4);
    }

    @Test
    void aValueThatGrowsPastTheBudgetEvictsWhenReweighed() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(4, List::size);
        List<Integer> a = new ArrayList<>(List.of(1));
        lru.put("a", a);
        lru.put("b", new ArrayList<>(List.of(1, 2)));
        a.addAll(List.of(2, 3));
        lru.reweigh("a");
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.weight()).isEqualTo(3);
    }

    @Test
    void aChangeInPlaceIsAUseAndReweighsWhatItSaysChanged() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(4, List::size);
        List<Integer> a = new ArrayList<>(List.of(1));
        lru.put("a", a);
        lru.put("b", new ArrayList<>(List.of(1)));
        lru.change("a", 2, 3, (list, first, second) -> list.add(first) && list.add(second));
        assertThat(a).containsExactly(1, 2, 3);
        assertThat(lru.weight()).isEqualTo(4);
        lru.put("c", new ArrayList<>(List.of(1)));
        // 5 > 4: "b" was used before the changed "a", so it goes first.
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.weight()).isEqualTo(4);
    }

    @Test
    void aChangeThatGrowsPastTheBudgetEvicts() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(4, List::size);
        List<Integer> a = new ArrayList<>(List.of(1));
        lru.put("a", a);
        lru.put("b", new ArrayList<>(List.of(1, 2)));
        lru.change("a", 2, 3, (list, first, second) -> list.add(first) && list.add(second));
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
        assertThat(lru.weight()).isEqualTo(3);
    }

    @Test
    void aChangeThatSaysNothingChangedIsAUseWithoutAWeighing() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(3, List::size);
        List<Integer> a = new ArrayList<>(List.of(1));
        lru.put("a", a);
        lru.put("b", new ArrayList<>(List.of(1)));
        lru.change("a", 2, null, (list, value, unused) -> !list.add(value));
        // Counted at its last weighing, 1, as the change said it did not change.
        assertThat(lru.weight()).isEqualTo(2);
        lru.put("c", new ArrayList<>(List.of(1, 2)));
        // 4 > 3: "b" goes first, "a" having been used after it.
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.containsKey("a")).isTrue();
    }

    @Test
    void aChangeOfAKeyNotHeldDoesNothing() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(4, List::size);
        lru.change("missing", 1, 2, (list, first, second) -> {
            throw new AssertionError("no value to change");
        });
        assertThat(lru.size()).isZero();
        assertThat(lru.weight()).isZero();
    }

    @Test
    void anEntryIsCountedAtItsLastWeighing() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(10, List::size);
        List<Integer> grows = new ArrayList<>(List.of(1, 2));
        lru.put("a", grows);
        grows.addAll(List.of(3, 4, 5));
        assertThat(lru.weight()).isEqualTo(2);
        lru.remove("a");
        assertThat(lru.weight()).isZero();
    }

    @Test
    void overBudgetChangesWaitForKeepBudget() {
        WeightedLru<String, List<Integer>> lru = WeightedLru.weighing(3, List::size);
        lru.put("a", new ArrayList<>(List.of(1, 2)));
        List<Integer> b = new ArrayList<>(List.of(1, 2, 3));
        lru.putOverBudget("b", b);
        assertThat(lru.weight()).isEqualTo(5);
        assertThat(lru.containsKey("a")).isTrue();
        b.remove(0);
        b.remove(0);
        lru.reweighOverBudget("b");
        assertThat(lru.weight()).isEqualTo(3);
        lru.keepBudget();
        // Chosen by the weight after the step: both fit.
        assertThat(lru.containsKey("a")).isTrue();
        b.add(2);
        lru.reweighOverBudget("b");
        lru.keepBudget();
        assertThat(lru.containsKey("a")).isFalse();
        assertThat(lru.weight()).isEqualTo(2);
    }

    @Test
    void clearForgetsEveryValueAndItsWeight() {
        WeightedLru<String, String> lru = WeightedLru.weighing(5, String::length);
        lru.put("a", "aa");
        lru.clear();
        assertThat(lru.size()).isZero();
        assertThat(lru.weight()).isZero();
        lru.put("b", "bbbbb");
        assertThat(lru.containsKey("b")).isTrue();
    }

    @Test
    void refusesABudgetBelowOneAndANegativeWeight() {
        assertThatThrownBy(() -> WeightedLru.counting(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedLru.weighing(0, String::length)).isInstanceOf(IllegalArgumentException.class);
        WeightedLru<String, String> lru = WeightedLru.weighing(5, value -> -1);
        assertThatThrownBy(() -> lru.put("a", "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
