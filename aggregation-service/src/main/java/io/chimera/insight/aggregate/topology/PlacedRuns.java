package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One configuration's runs placed in series order ({@link SeriesPoint#ORDER}) at its last evaluation,
 * kept so that the next evaluation places and sorts only the runs new since then: with the bench's
 * harsh setting a busy configuration is evaluated about once a second while its runs stream in, and
 * each evaluation built a place for every run of it and sorted them all again (profiled in the bench:
 * most of an evaluation's own work after the search).
 *
 * <p>A cache of a pure computation, checked against its input at every use: a run keeps its place
 * only while the store gives the very same stored run (the change store makes a new one for every
 * point it writes or reads) and its file's place ({@code file}: the file version's fields and its
 * modified time as the catalog shows it) is equal to the one it was placed with; any other run is
 * placed again. Runs no longer given (a replaced file, the history bound) leave. So it never needs to
 * be told of what changed, and a stale one (a restart, an aborted transaction) costs a placing of every
 * run, as before. The order is the same as a sort of every run's place would give: the kept places
 * are in that order already, and {@code ORDER} is a total order on a configuration's runs (no two share
 * file and run id), so merging the new ones in leaves exactly the sorted order. Not thread-safe.
 *
 * <p>A file's place is looked up and compared once per call, not once per run: the runs placed with
 * it share one {@link PlacedFile}, checked at the first of them (a file holds about nine runs in the
 * bench's corpus, and looking its place up by id for every run was most of this class's cost,
 * profiled in the bench).
 */
final class PlacedRuns {

    /** A run, the file place it was placed with, and its place (value NaN: each series puts its metric's in). */
    static final class Slot {
        private final ChangeStore.StoredRun run;
        private final PlacedFile file;
        private final SeriesPoint place;
        private int seen;

        private Slot(ChangeStore.StoredRun run, PlacedFile file, SeriesPoint place) {
            this.run = run;
            this.file = file;
            this.place = place;
        }

        ChangeStore.StoredRun run() {
            return run;
        }

        SeriesPoint place() {
            return place;
        }
    }

    /**
     * A file's place as its runs were placed with it, shared by their slots. Replaced by a new one when
     * the file's place changes, so a slot's file is current exactly when it is the one held by id.
     */
    private static final class PlacedFile {
        private final Object place;
        /** The call at which the place was last found current. */
        private int checked;

        private PlacedFile(Object place) {
            this.place = place;
        }
    }

    private final Map<ChangeStore.StoredRun, Slot> byRun = new IdentityHashMap<>();
    /** File id to its current place, for the files of the runs held. */
    private final Map<String, PlacedFile> byFile = new HashMap<>();
    private ArrayList<Slot> ordered = new ArrayList<>();
    private ArrayList<Slot> spare = new ArrayList<>();
    private final ArrayList<Slot> fresh = new ArrayList<>();
    private int epoch;

    /**
     * {@code runs} in series order, each with its place: kept from the last call when its run and
     * file place are unchanged, else {@code placer}'s.
     *
     * @param fileOf the place of a file by id, as it stands now (compared with {@code equals}); asked
     *               once per file and call
     * @param placer a run's place given its file's
     * @return the slots in series order; valid until the next call
     */
    <F> List<Slot> order(Collection<ChangeStore.StoredRun> runs, Function<String, F> fileOf,
                         BiFunction<ChangeStore.StoredRun, F, SeriesPoint> placer) {
        epoch++;
        fresh.clear();
        for (ChangeStore.StoredRun run : runs) {
            Slot slot = byRun.get(run);
            // A kept run's file checked already in this call: one field read, no lookup.
            if (slot == null || slot.file.checked != epoch) {
                PlacedFile file = current(run.fileId(), fileOf);
                if (slot == null || slot.file != file) {
                    @SuppressWarnings("unchecked")
                    F place = (F) file.place;
                    slot = new Slot(run, file, placer.apply(run, place));
                    fresh.add(slot);
                }
            }
            slot.seen = epoch;
        }
        spare.clear();
        for (Slot slot : ordered) {
            if (slot.seen == epoch) {
                spare.add(slot);
            } else {
                // Gone, or placed again (its new slot is among the fresh ones, put below).
                byRun.remove(slot.run, slot);
            }
        }
        byFile.values().removeIf(file -> file.checked != epoch);
        fresh.sort((a, b) -> SeriesPoint.ORDER.compare(a.place, b.place));
        for (Slot slot : fresh) {
            byRun.put(slot.run, slot);
        }
        ArrayList<Slot> kept = spare;
        ArrayList<Slot> before = ordered;
        ordered = merge(kept, fresh, before);
        // Two lists used in turn, so that an evaluation allocates none.
        spare = ordered == kept ? before : kept;
        return ordered;
    }

    /** The file's place as it stands now, checked once per call: the one held if equal, else a new one. */
    private <F> PlacedFile current(String fileId, Function<String, F> fileOf) {
        PlacedFile held = byFile.get(fileId);
        if (held != null && held.checked == epoch) {
            return held;
        }
        F now = fileOf.apply(fileId);
        if (held == null || !held.place.equals(now)) {
            held = new PlacedFile(now);
            byFile.put(fileId, held);
        }
        held.checked = epoch;
        return held;
    }

    /** {@code kept} and {@code fresh}, each in series order, merged; into {@code into} unless nothing is fresh. */
    private static ArrayList<Slot> merge(ArrayList<Slot> kept, List<Slot> fresh, ArrayList<Slot> into) {
        if (fresh.isEmpty()) {
            return kept;
        }
        into.clear();
        into.ensureCapacity(kept.size() + fresh.size());
        int i = 0;
        int j = 0;
        // Runs mostly arrive in series order: the new ones go after every kept one, one comparison.
        if (kept.isEmpty() || SeriesPoint.ORDER.compare(kept.get(kept.size() - 1).place, fresh.get(0).place) < 0) {
            into.addAll(kept);
            into.addAll(fresh);
            return into;
        }
        while (i < kept.size() && j < fresh.size()) {
            if (SeriesPoint.ORDER.compare(kept.get(i).place, fresh.get(j).place) < 0) {
                into.add(kept.get(i++));
            } else {
                into.add(fresh.get(j++));
            }
        }
        into.addAll(kept.subList(i, kept.size()));
        into.addAll(fresh.subList(j, fresh.size()));
        return into;
    }

    /** How many runs it holds, for a bounded memory of configurations. */
    int size() {
        return byRun.size();
    }
}
