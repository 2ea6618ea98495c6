package io.chimera.insight.analysis.service;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The safe commit point of one partition when records finish out of order: the lowest offset still
 * open (waiting, running or parked for a retry), or one past the highest offset read when none is.
 * Committing it means a restart re-reads every request not yet answered (and, at worst, some that
 * were: a repeated analysis, never a lost one). Confined to the loop thread.
 */
final class OpenOffsets {

    private final TreeSet<Long> open = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    void opened(long offset) {
        open.add(offset);
        next = Math.max(next, offset + 1);
    }

    void closed(long offset) {
        open.remove(offset);
    }

    /** The commit point, when it has moved past the last one committed. */
    OptionalLong advance() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        long point = open.isEmpty() ? next : open.first();
        return point > committed ? OptionalLong.of(point) : OptionalLong.empty();
    }

    void committed(long point) {
        committed = Math.max(committed, point);
    }

    int openCount() {
        return open.size();
    }
}
