package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.FileVersion;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Format 1 of a {@link FileVersion}: sha256, ingest time, path. */
public final class FileVersionCodec extends StateCodec<FileVersion> {

    public FileVersionCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, FileVersion value) throws IOException {
        writeString(out, value.sha256());
        out.writeLong(value.ingestedAt());
        writeString(out, value.path());
    }

    @Override
    FileVersion read(DataInput in) throws IOException {
        return new FileVersion(readString(in), in.readLong(), readString(in));
    }
}
