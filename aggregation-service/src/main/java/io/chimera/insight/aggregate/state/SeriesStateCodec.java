package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
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
 * Format 1 of a {@link SeriesState}: the configuration, the trim watermark, then each published
 * change, oldest first (the direction by its symbol's name).
 */
public final class SeriesStateCodec extends StateCodec<SeriesState> {

    public SeriesStateCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, SeriesState value) throws IOException {
        out.writeInt(value.config().size());
        for (Map.Entry<String, String> entry : value.config().entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
        out.writeLong(value.trimmedThrough());
        out.writeInt(value.emitted().size());
        for (EmittedChange change : value.emitted()) {
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
    }

    @Override
    SeriesState read(DataInput in) throws IOException {
        int configSize = in.readInt();
        TreeMap<String, String> config = new TreeMap<>();
        for (int i = 0; i < configSize; i++) {
            config.put(readString(in), readString(in));
        }
        long trimmedThrough = in.readLong();
        int size = in.readInt();
        List<EmittedChange> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            changes.add(new EmittedChange(readString(in), readString(in), readString(in), in.readLong(), in.readLong(),
                    ChangeDirection.valueOf(readString(in)), in.readLong(), readSegment(in), readSegment(in),
                    in.readDouble(), in.readDouble(), readString(in), in.readLong()));
        }
        return new SeriesState(config, trimmedThrough, changes);
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
