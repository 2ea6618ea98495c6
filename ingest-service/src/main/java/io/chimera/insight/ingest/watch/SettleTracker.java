package io.chimera.insight.ingest.watch;

import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides when a file is complete: its size and modification time must stay the same for the
 * settle interval, measured from the last change anyone saw (an event, or a different stamp when the
 * file is looked at again). A writer that pauses for less than the interval is waited for; one that
 * pauses for longer has its file read early, and the complete version is read again when the writer
 * resumes, as a new version that replaces the partial one.
 *
 * <p>It also remembers the stamp of each file handed over, so a rescan offers only files that changed.
 * Time comes from a nanosecond clock given by the caller, so the rules are tested without waiting.
 * Not thread-safe: the watcher's thread owns it.
 */
final class SettleTracker {

    /** A complete file to hand over, with the stamp it had when it was judged complete. */
    record Settled(ScannedFile file, FileStamp stamp) {
    }

    private record Pending(ScannedFile file, FileStamp stamp, long dueAt) {
    }

    private final long settleNanos;
    private final LongSupplier nanoClock;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();
    private final Map<Path, FileStamp> handedOver = new HashMap<>();

    SettleTracker(Duration settle, LongSupplier nanoClock) {
        this.settleNanos = settle.toNanos();
        this.nanoClock = nanoClock;
    }

    /** An event says the file changed: it must now stay quiet for a whole interval. */
    void changed(ScannedFile file, FileStamp stamp) {
        pending.put(file.file(), new Pending(file, stamp, nanoClock.getAsLong() + settleNanos));
    }

    /**
     * A listing found the file: it becomes pending unless it already is or this very version was
     * handed over before (a rescan must not re-read what did not change).
     */
    void found(ScannedFile file, FileStamp stamp) {
        Path path = file.file();
        if (pending.containsKey(path) || stamp.equals(handedOver.get(path))) {
            return;
        }
        pending.put(path, new Pending(file, stamp, nanoClock.getAsLong() + settleNanos));
    }

    /** The file or folder is gone (deleted, moved away): forget it and everything under it. */
    void removed(Path path) {
        pending.keySet().removeIf(p -> p.startsWith(path));
        handedOver.keySet().removeIf(p -> p.startsWith(path));
    }

    /**
     * The pending files whose interval is over and whose stamp is still the one recorded, in the order
     * they were first seen; they stop being pending. A file whose stamp moved starts a new interval; a
     * file that is gone, or is no longer a regular file, is dropped.
     *
     * @param stat reads a file's current stamp, empty when it is not a regular file any more
     */
    List<Settled> takeSettled(Function<Path, Optional<FileStamp>> stat) {
        long now = nanoClock.getAsLong();
        List<Settled> ready = new ArrayList<>();
        Iterator<Map.Entry<Path, Pending>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Path, Pending> entry = entries.next();
            Pending waiting = entry.getValue();
            if (now - waiting.dueAt() < 0) {
                continue;
            }
            Optional<FileStamp> current = stat.apply(entry.getKey());
            if (current.isEmpty()) {
                entries.remove();
            } else if (!current.get().equals(waiting.stamp())) {
                entry.setValue(new Pending(waiting.file(), current.get(), now + settleNanos));
            } else {
                entries.remove();
                ready.add(new Settled(waiting.file(), waiting.stamp()));
            }
        }
        return ready;
    }

    /** The file was handed over: a rescan skips it until its stamp changes. */
    void handedOver(Settled settled) {
        handedOver.put(settled.file().file(), settled.stamp());
    }

    /** Handing over failed: offer the file again after {@code delay}, unless a newer change is pending. */
    void retryLater(Settled settled, Duration delay) {
        pending.putIfAbsent(settled.file().file(),
                new Pending(settled.file(), settled.stamp(), nanoClock.getAsLong() + delay.toNanos()));
    }

    /** Nanoseconds until the next pending file is due; {@link Long#MAX_VALUE} when none is pending. */
    long nanosUntilNextDue() {
        long now = nanoClock.getAsLong();
        long next = Long.MAX_VALUE;
        for (Pending waiting : pending.values()) {
            next = Math.min(next, Math.max(0, waiting.dueAt() - now));
        }
        return next;
    }

    int pendingCount() {
        return pending.size();
    }
}
