package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Format 1 of a {@link RunPoint}: offset, observed time, ingest time, load duration, then the count
 * of metric values and each value (NaN for none), in {@link RunPoint#METRICS} order. The run and
 * file ids are the entry's key; the file's sha256 and path are its {@code ChangeFile}'s.
 */
public final class RunPointCodec extends StateCodec<RunPoint> {

    public RunPointCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, RunPoint value) throws IOException {
        out.writeLong(value.seq());
        out.writeLong(value.observedAt());
        out.writeLong(value.ingestedAt());
        out.writeDouble(value.loadMs());
        out.writeByte(RunPoint.METRICS.size());
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            out.writeDouble(value.value(i));
        }
    }

    @Override
    RunPoint read(DataInput in) throws IOException {
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
