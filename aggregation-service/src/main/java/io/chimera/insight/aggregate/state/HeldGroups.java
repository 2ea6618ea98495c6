package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Groups of store entries held as objects, each group whole or not at all (a model's series states;
 * a configuration's run points are {@link HeldRuns}), within a budget of entries: past it, the least
 * recently used groups go. For {@link ChangeStore}'s memory of what it read from its stores: it fills a group from
 * one prefix scan when the group is not here, and passes every write and delete of an entry of a
 * group through ({@link #written}, {@link #deleted}), so a group held is always what the store holds.
 * A group bigger than the whole budget is not held.
 *
 * <p>Only the task's own thread touches it, like the stores it mirrors.
 *
 * @param <K> an entry's key within its group
 * @param <V> an entry
 */
final class HeldGroups<K, V> {

    /** Group key to its entries, weighing as many as it holds. */
    private final WeightedLru<String, Map<K, V>> groups;
    private final Supplier<Map<K, V>> newGroup;

    /** @param newGroup the map a group's entries are kept in (its iteration order is the group's) */
    HeldGroups(int budgetEntries, Supplier<Map<K, V>> newGroup) {
        this.groups = WeightedLru.weighing(budgetEntries, Map::size);
        this.newGroup = newGroup;
    }

    /** The group's entries (not to be modified), or null when the group is not here. */
    Map<K, V> get(String group) {
        return groups.get(group);
    }

    /** {@code read} are every entry the store holds of the group, just read; returns them as held. */
    Map<K, V> loaded(String group, Map<K, V> read) {
        Map<K, V> held = newGroup.get();
        held.putAll(read);
        groups.put(group, held);
        return held;
    }

    /** {@code value} was just written to the store under {@code key} of {@code group}. */
    void written(String group, K key, V value) {
        // A new entry makes the group weigh one more; one lookup of the group for both (a write per run).
        groups.change(group, key, value, HeldGroups::putNew);
    }

    /** The entry under {@code key} of {@code group} was just deleted from the store. */
    void deleted(String group, K key) {
        groups.<K, Object>change(group, key, null, HeldGroups::removeHeld);
    }

    /** Puts the entry; whether it is a new one (the group grew). */
    private static <K, V> boolean putNew(Map<K, V> held, K key, V value) {
        return held.put(key, value) == null;
    }

    /** Removes the entry; whether it was held (the group shrank). */
    private static <K, V> boolean removeHeld(Map<K, V> held, K key, Object unused) {
        return held.remove(key) != null;
    }

    /** Entries held now, over every group. */
    int size() {
        return (int) groups.weight();
    }
}
