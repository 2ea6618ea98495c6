package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.TreeSet;

/** Format 1 of a {@link ChangeFile}: sha256, path, the count of its configurations, then each config key. */
public final class ChangeFileCodec extends StateCodec<ChangeFile> {

    public ChangeFileCodec() {
        super(1);
    }

    @Override
    void write(DataOutput out, ChangeFile value) throws IOException {
        writeString(out, value.sha256());
        writeString(out, value.path());
        out.writeInt(value.configKeys().size());
        for (String configKey : value.configKeys()) {
            writeString(out, configKey);
        }
    }

    @Override
    ChangeFile read(DataInput in) throws IOException {
        String sha256 = readString(in);
        String path = readString(in);
        int count = in.readInt();
        TreeSet<String> configKeys = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            configKeys.add(readString(in));
        }
        return new ChangeFile(sha256, path, configKeys);
    }
}
