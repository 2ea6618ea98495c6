package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Format 1 of a {@link RunPoint}: offset, observed time, ingest time, load duration, then the count
 * of metric values and each value (NaN for none), in {@link RunPoint#METRICS} order. The earlier
 * {@code change-runs} layout's entry (one per run, the run and file ids in its key), and the layout
 * of each point in a {@link PointChunk} ({@link PointChunkCodec}). The file's sha256 and path are its
 * {@code ChangeFile}'s.
 */
public final class RunPointCodec extends StateCodec<RunPoint> {

    public RunPointCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, RunPoint value) throws IOException {
        writePoint(out, value);
    }

    @Override
    RunPoint read(DataInput in) throws IOException {
        return readPoint(in);
    }

    /** The bytes {@link #writePoint} writes: three longs, the load, the count, then each metric's value. */
    static final int POINT_BYTES = 3 * Long.BYTES + Double.BYTES + 1 + RunPoint.METRICS.size() * Double.BYTES;

    /** A point's fields, as this format and {@link PointChunkCodec}'s points lay them out. */
    static void writePoint(DataOutput out, RunPoint value) throws IOException {
        out.writeLong(value.seq());
        out.writeLong(value.observedAt());
        out.writeLong(value.ingestedAt());
        out.writeDouble(value.loadMs());
        out.writeByte(RunPoint.METRICS.size());
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            out.writeDouble(value.value(i));
        }
    }

    static RunPoint readPoint(DataInput in) throws IOException {
        long seq = in.readLong();
        long observedAt = in.readLong();
        long ingestedAt = in.readLong();
        double loadMs = in.readDouble();
        int count = in.readByte();
        if (count != RunPoint.METRICS.size()) {
            throw new IOException("a run point of " + count + " metrics, this version knows " + RunPoint.METRICS.size());
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return new RunPoint(seq, observedAt, ingestedAt, loadMs, values);
    }
}
