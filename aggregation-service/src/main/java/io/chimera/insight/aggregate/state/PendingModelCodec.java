package io.chimera.insight.aggregate.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Format 1 of a {@link PendingModel}: three times and the dirty flag. */
public final class PendingModelCodec extends StateCodec<PendingModel> {

    public PendingModelCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, PendingModel value) throws IOException {
        out.writeLong(value.firstChangeAt());
        out.writeLong(value.lastChangeAt());
        out.writeLong(value.oldestPendingIngestAt());
        out.writeBoolean(value.metricsDirty());
    }

    @Override
    PendingModel read(DataInput in) throws IOException {
        return new PendingModel(in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
    }
}
