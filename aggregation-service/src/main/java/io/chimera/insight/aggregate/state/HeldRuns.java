package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.state.ChangeStore.StoredRun;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChangeStore}'s memory of configurations' run points ({@code heldRuns}), each configuration's
 * whole or not at all, within a budget of points: past it, the least recently used configurations go
 * (their points are in the store, scanned again when needed). Every write and delete of a point of a
 * configuration held is passed through, so a configuration held is always what the store holds, in the
 * order its runs first came.
 *
 * <p>A configuration's points are kept in a list while none of them has been replaced or deleted
 * ({@link #added}: a run known new to its configuration is appended, one slot per run), and by run
 * from the first replacement or deletion on (a map from the run's ids, made from the list in its
 * order). Most configurations take their runs once and lose none (a sweep's configurations hold a
 * few runs each, under the history bound): a key, a map node and a hash per run were most of what a
 * run cost this memory (ChangeStoreBenchmark, profiled), and the evaluation reads the list as it is.
 *
 * <p>Only the task's own thread touches it, like the stores it mirrors.
 */
final class HeldRuns {

    /** A run point's ids within its configuration: its key in {@code change-runs} after the configuration's prefix. */
    record RunRef(String fileId, String runId) {
    }

    /** One configuration's points: a list while none was replaced or deleted, else by run. */
    private static final class Group {
        /** The points in the order their runs came; null once {@link #byRun} is made. */
        private List<StoredRun> inOrder;
        /** The points by run, in the order their runs first came; null while {@link #inOrder} holds them. */
        private Map<RunRef, StoredRun> byRun;

        private Group(List<StoredRun> inOrder, Map<RunRef, StoredRun> byRun) {
            this.inOrder = inOrder;
            this.byRun = byRun;
        }

        private int size() {
            return inOrder != null ? inOrder.size() : byRun.size();
        }

        private Collection<StoredRun> runs() {
            return Collections.unmodifiableCollection(inOrder != null ? inOrder : byRun.values());
        }

        /** The points by run, made from the list once (a map keeps a key's first place, as the list did). */
        private Map<RunRef, StoredRun> byRun() {
            if (byRun == null) {
                Map<RunRef, StoredRun> made = new LinkedHashMap<>();
                for (StoredRun run : inOrder) {
                    made.put(new RunRef(run.fileId(), run.runId()), run);
                }
                byRun = made;
                inOrder = null;
            }
            return byRun;
        }

        /** Appends a run new to the configuration; whether the group grew (always). */
        private static boolean append(Group group, StoredRun run, Object unused) {
            if (group.inOrder != null) {
                group.inOrder.add(run);
                return true;
            }
            return group.byRun.put(new RunRef(run.fileId(), run.runId()), run) == null;
        }

        /** Puts the run's point, replacing the run's earlier one; whether the group grew. */
        private static boolean put(Group group, RunRef ref, StoredRun run) {
            return group.byRun().put(ref, run) == null;
        }

        /** Removes the run's point; whether it was held. */
        private static boolean remove(Group group, RunRef ref, Object unused) {
            return group.byRun().remove(ref) != null;
        }
    }

    private final WeightedLru<String, Group> groups;

    HeldRuns(int budgetPoints) {
        this.groups = WeightedLru.weighing(budgetPoints, Group::size);
    }

    /** The configuration's points (a read-only view, to be read before it is written again), or null when not held. */
    Collection<StoredRun> get(String config) {
        Group group = groups.get(config);
        return group == null ? null : group.runs();
    }

    /** Whether the configuration is held; not a use. */
    boolean holds(String config) {
        return groups.containsKey(config);
    }

    /** The configuration holds no point in the store (none of its series holds a state): held from now on, empty. */
    void none(String config) {
        groups.put(config, new Group(new ArrayList<>(), null));
    }

    /**
     * {@code read} are every point the store holds of the configuration, just read, in a map of the caller's
     * that is held from now on (not copied); returns them as held.
     */
    Collection<StoredRun> loaded(String config, Map<RunRef, StoredRun> read) {
        Group group = new Group(null, read);
        groups.put(config, group);
        return group.runs();
    }

    /**
     * {@code run} was just written to the store, and the configuration held no point of its run: it is
     * appended (the caller knows, from the run's file's chunks held whole, that no earlier point is replaced).
     */
    void added(String config, StoredRun run) {
        groups.change(config, run, null, Group::append);
    }

    /** {@code run} was just written to the store, replacing the run's earlier point if there was one. */
    void written(String config, StoredRun run) {
        groups.change(config, new RunRef(run.fileId(), run.runId()), run, Group::put);
    }

    /** The run's point was just deleted from the store. */
    void deleted(String config, RunRef ref) {
        groups.change(config, ref, null, Group::remove);
    }

    /** Points held now, over every configuration. */
    int size() {
        return (int) groups.weight();
    }
}
