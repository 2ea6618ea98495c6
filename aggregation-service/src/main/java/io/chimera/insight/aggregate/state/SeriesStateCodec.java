package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.RetractedChange;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Format 2 of a {@link SeriesState}: the configuration, the trim watermark, each published change,
 * oldest first (the direction by its symbol's name), then each recent retraction, oldest first
 * (the change as published, then when it was retracted).
 *
 * <p>Format 1 (no retractions) is still read. It was written beside the per-series points of the
 * {@code change-points} store, which this version does not read: its history starts afresh. So
 * that the runs arriving after the upgrade are not taken for the whole history, which would retract
 * every change published before, a format-1 state's changes are made final (the trim watermark is
 * raised to their earlier segments' start, see {@code ChangeReconciler}): they stand, and are never
 * judged again.
 *
 * <p>Not the {@code change-series} store's codec any more: since 2026-12-06 an entry holds a configuration's
 * states ({@link ConfigStatesCodec}, which reads this format's values, written before, through this class).
 */
public final class SeriesStateCodec extends StateCodec<SeriesState> {

    public SeriesStateCodec() {
        super(2);
    }

    @Override
    void write(DataOutput out, SeriesState value) throws IOException {
        writeConfig(out, value.config());
        writeRest(out, value);
    }

    static void writeConfig(DataOutput out, Map<String, String> config) throws IOException {
        out.writeInt(config.size());
        for (Map.Entry<String, String> entry : config.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    /** Format 2's fields after the configuration: the trim watermark, the changes, the retractions. */
    static void writeRest(DataOutput out, SeriesState value) throws IOException {
        out.writeLong(value.trimmedThrough());
        out.writeInt(value.emitted().size());
        for (EmittedChange change : value.emitted()) {
            writeChange(out, change);
        }
        out.writeInt(value.retracted().size());
        for (RetractedChange retraction : value.retracted()) {
            writeChange(out, retraction.change());
            out.writeLong(retraction.retractedAt());
        }
    }

    @Override
    SeriesState read(DataInput in) throws IOException {
        return readRest(in, readConfig(in));
    }

    /** What {@link #writeRest} wrote, the state of {@code config}. */
    static SeriesState readRest(DataInput in, TreeMap<String, String> config) throws IOException {
        long trimmedThrough = in.readLong();
        List<EmittedChange> changes = readChanges(in);
        int size = in.readInt();
        List<RetractedChange> retracted = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            retracted.add(new RetractedChange(readChange(in), in.readLong()));
        }
        return new SeriesState(config, trimmedThrough, changes, retracted);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found == 1;
    }

    /** Format 1, with its changes made final: see the class comment. */
    @Override
    SeriesState readEarlier(DataInput in, byte found) throws IOException {
        TreeMap<String, String> config = readConfig(in);
        long trimmedThrough = in.readLong();
        List<EmittedChange> changes = readChanges(in);
        for (EmittedChange change : changes) {
            trimmedThrough = Math.max(trimmedThrough, change.beforeFromAt());
        }
        return new SeriesState(config, trimmedThrough, changes, List.of());
    }

    static TreeMap<String, String> readConfig(DataInput in) throws IOException {
        int configSize = in.readInt();
        TreeMap<String, String> config = new TreeMap<>();
        for (int i = 0; i < configSize; i++) {
            config.put(readString(in), readString(in));
        }
        return config;
    }

    private static List<EmittedChange> readChanges(DataInput in) throws IOException {
        int size = in.readInt();
        List<EmittedChange> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            changes.add(readChange(in));
        }
        return changes;
    }

    private static void writeChange(DataOutput out, EmittedChange change) throws IOException {
        writeString(out, change.firstRunId());
        writeString(out, change.firstRunFileId());
        writeString(out, change.firstRunPath());
        out.writeLong(change.firstRunAt());
        out.writeLong(change.firstRunSeq());
        writeString(out, change.direction().name());
        out.writeLong(change.beforeFromAt());
        writeSegment(out, change.before());
        writeSegment(out, change.after());
        out.writeDouble(change.changeFraction());
        out.writeDouble(change.pValue());
        writeString(out, change.test());
        out.writeLong(change.detectedAt());
    }

    private static EmittedChange readChange(DataInput in) throws IOException {
        return new EmittedChange(readString(in), readString(in), readString(in), in.readLong(), in.readLong(),
                ChangeDirection.valueOf(readString(in)), in.readLong(), readSegment(in), readSegment(in),
                in.readDouble(), in.readDouble(), readString(in), in.readLong());
    }

    private static void writeSegment(DataOutput out, ChangeSegmentStats segment) throws IOException {
        out.writeLong(segment.n());
        out.writeDouble(segment.mean());
        out.writeDouble(segment.ciLow());
        out.writeDouble(segment.ciHigh());
    }

    private static ChangeSegmentStats readSegment(DataInput in) throws IOException {
        return new ChangeSegmentStats(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble());
    }
}
