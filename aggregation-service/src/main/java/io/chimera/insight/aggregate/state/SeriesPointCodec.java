package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesPoint;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Format 1 of a {@link SeriesPoint}: run id, file id, sha256, path, offset, value, observed time,
 * ingest time. The file's modified time is not kept: it is looked up in the file catalog at each
 * evaluation, as the catalog may learn it after the run.
 */
public final class SeriesPointCodec extends StateCodec<SeriesPoint> {

    public SeriesPointCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, SeriesPoint value) throws IOException {
        writeString(out, value.runId());
        writeString(out, value.fileId());
        writeString(out, value.sha256());
        writeString(out, value.path());
        out.writeLong(value.seq());
        out.writeDouble(value.value());
        out.writeLong(value.observedAt());
        out.writeLong(value.ingestedAt());
    }

    @Override
    SeriesPoint read(DataInput in) throws IOException {
        return new SeriesPoint(readString(in), readString(in), readString(in), readString(in), in.readLong(),
                in.readDouble(), in.readLong(), SeriesPoint.UNKNOWN, in.readLong());
    }
}
