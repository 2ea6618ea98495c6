package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Format 1 of a {@link ChangeFile}: sha256, then path. */
public final class ChangeFileCodec extends StateCodec<ChangeFile> {

    public ChangeFileCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, ChangeFile value) throws IOException {
        writeString(out, value.sha256());
        writeString(out, value.path());
    }

    @Override
    ChangeFile read(DataInput in) throws IOException {
        String sha256 = readString(in);
        String path = readString(in);
        return new ChangeFile(sha256, path);
    }
}
