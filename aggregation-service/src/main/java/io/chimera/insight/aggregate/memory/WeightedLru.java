package io.chimera.insight.aggregate.memory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.ToLongFunction;

/**
 * A map bounded by the weight of what it holds: each value weighs what its weigher says, and past the
 * budget the least recently used entries go first. The one form of the task-local memories beside the
 * aggregation's stores (files met, entries written, running models, sweeps, placed runs...): each of
 * them was an access-ordered map with a budget, a held weight and an eviction loop of its own.
 *
 * <p>A value may change in place (a group that gains an entry, a model that takes a run): its holder
 * then calls {@link #reweigh}, and the entry's weight is what the weigher said then; the weight an
 * entry is counted at is the one it was last weighed at, so a weigher that is costly is called once
 * per put or reweigh, never for the other entries.
 *
 * <p>Whether the entry used last may go too, when it alone is over the budget, is chosen when the map
 * is made: {@link #weighing} evicts it (nothing past the budget is held, and a value bigger than the
 * whole budget is not held at all), {@link #keepingNewest} keeps it (the next use is its own, and
 * rebuilding it costs more than holding it over the budget a while).
 *
 * <p>Not thread-safe: each is one stream task's, touched by its thread alone.
 *
 * @param <K> a key
 * @param <V> a value, weighed by the weigher
 */
public final class WeightedLru<K, V> {

    /** A value and the weight it is counted at. */
    private static final class Held<V> {
        private V value;
        private long weight;

        private Held(V value, long weight) {
            this.value = value;
            this.weight = weight;
        }
    }

    /** In access order: the first is the least recently used. */
    private final LinkedHashMap<K, Held<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final long budget;
    private final ToLongFunction<? super V> weigher;
    private final boolean keepsNewest;
    private long weight;

    private WeightedLru(long budget, ToLongFunction<? super V> weigher, boolean keepsNewest) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        this.budget = budget;
        this.weigher = weigher;
        this.keepsNewest = keepsNewest;
    }

    /** At most {@code capacity} entries: each weighs one. */
    public static <K, V> WeightedLru<K, V> counting(int capacity) {
        return new WeightedLru<>(capacity, value -> 1, false);
    }

    /** At most {@code budget} in weight, the entry used last included. */
    public static <K, V> WeightedLru<K, V> weighing(long budget, ToLongFunction<? super V> weigher) {
        return new WeightedLru<>(budget, weigher, false);
    }

    /**
     * At most {@code budget} in weight, except for the entry used last: it stays while it is the last
     * one used, even alone over the budget, and goes when the entries used after it need the room.
     */
    public static <K, V> WeightedLru<K, V> keepingNewest(long budget, ToLongFunction<? super V> weigher) {
        return new WeightedLru<>(budget, weigher, true);
    }

    /** The value under {@code key}, now the most recently used; null when it is not held. */
    public V get(K key) {
        Held<V> held = entries.get(key);
        return held == null ? null : held.value;
    }

    /** Whether {@code key} is held; not a use (the order stays). */
    public boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    /** Holds {@code value} under {@code key} (the most recently used), weighed, and keeps the budget. */
    public void put(K key, V value) {
        putOverBudget(key, value);
        keepBudget();
    }

    /**
     * The value under {@code key} changed in place: weighs it again (a use of it), and keeps the budget.
     * Nothing when the key is not held.
     */
    public void reweigh(K key) {
        reweighOverBudget(key);
        keepBudget();
    }

    /**
     * A change in place of a held value that may change its weight: {@code apply} changes {@code value}
     * with {@code a} and {@code b} and says whether it did. Arguments rather than a capturing lambda, so a
     * holder's change is one object for all its calls.
     */
    @FunctionalInterface
    public interface Change<V, A, B> {
        boolean apply(V value, A a, B b);
    }

    /**
     * Changes the value under {@code key} in place (a use of it) and, when {@code change} says it changed,
     * weighs it again and keeps the budget: {@link #get}, the change, then {@link #reweigh}, with one
     * lookup of the key where those took two (a run's point into its configuration's held points,
     * profiled in the bench). Nothing when the key is not held.
     */
    public <A, B> void change(K key, A a, B b, Change<? super V, ? super A, ? super B> change) {
        Held<V> held = entries.get(key);
        if (held != null && change.apply(held.value, a, b)) {
            weighAgain(held);
            keepBudget();
        }
    }

    /**
     * {@link #put} without keeping the budget yet: for a holder that changes several entries as one step
     * and then calls {@link #keepBudget}, so that what goes is chosen by what they weigh after it.
     */
    public void putOverBudget(K key, V value) {
        // A key held already keeps its holder (the get makes it the most recently used, as a put would): a
        // holder per put was garbage at every put of a held key (a file's keys, put at each run leaving its
        // file while files' runs interleave, profiled in ChangeStoreBenchmark).
        Held<V> held = entries.get(key);
        if (held != null) {
            held.value = value;
            weighAgain(held);
        } else {
            long now = weigh(value);
            entries.put(key, new Held<>(value, now));
            weight += now;
        }
    }

    /** {@link #reweigh} without keeping the budget yet; see {@link #putOverBudget}. */
    public void reweighOverBudget(K key) {
        Held<V> held = entries.get(key);
        if (held != null) {
            weighAgain(held);
        }
    }

    /** Weighs a held value again and moves the weight held by the difference. */
    private void weighAgain(Held<V> held) {
        long now = weigh(held.value);
        weight += now - held.weight;
        held.weight = now;
    }

    /** Evicts the least recently used entries while the weight held is over the budget (see the class comment). */
    public void keepBudget() {
        if (weight <= budget) {
            return;
        }
        Iterator<Held<V>> leastRecent = entries.values().iterator();
        while (weight > budget && leastRecent.hasNext()) {
            Held<V> eldest = leastRecent.next();
            if (keepsNewest && !leastRecent.hasNext()) {
                return;
            }
            weight -= eldest.weight;
            leastRecent.remove();
        }
    }

    /** Forgets the value under {@code key}; returns it, or null when it was not held. */
    public V remove(K key) {
        Held<V> held = entries.remove(key);
        if (held == null) {
            return null;
        }
        weight -= held.weight;
        return held.value;
    }

    /** Forgets every value. */
    public void clear() {
        entries.clear();
        weight = 0;
    }

    /** Entries held now. */
    public int size() {
        return entries.size();
    }

    /** The weight held now: the sum of each entry's weight when it was last weighed. */
    public long weight() {
        return weight;
    }

    private long weigh(V value) {
        long weighed = weigher.applyAsLong(value);
        if (weighed < 0) {
            throw new IllegalArgumentException("a value weighs " + weighed + ": weights are not negative");
        }
        return weighed;
    }
}
