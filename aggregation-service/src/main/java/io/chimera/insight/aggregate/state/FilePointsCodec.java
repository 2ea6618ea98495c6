package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.FilePoints;
import io.chimera.insight.aggregate.statistics.RunPoint;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Format 2 of a {@code change-runs} value, {@link FilePoints}: the count of runs, then each run's id
 * and its point as {@link RunPointCodec} lays one out. Reads format 1 too, the single {@link RunPoint}
 * that each run's own entry held before points were grouped per (model, configuration, file): such a
 * value is returned as {@link FilePoints#earlier}, its run id being its key's
 * ({@code ChangeStore} reads both, and rewrites a configuration's earlier entries in this format when
 * it first reads them).
 */
public final class FilePointsCodec extends StateCodec<FilePoints> {

    private static final byte ONE_POINT_PER_ENTRY = 1;

    public FilePointsCodec() {
        super(2);
    }

    @Override
    void write(DataOutput out, FilePoints value) throws IOException {
        out.writeInt(value.byRun().size());
        for (Map.Entry<String, RunPoint> run : value.byRun().entrySet()) {
            writeString(out, run.getKey());
            RunPointCodec.writePoint(out, run.getValue());
        }
    }

    @Override
    FilePoints read(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a negative count of runs: " + count);
        }
        Map<String, RunPoint> byRun = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String runId = readString(in);
            byRun.put(runId, RunPointCodec.readPoint(in));
        }
        return new FilePoints(byRun);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found == ONE_POINT_PER_ENTRY;
    }

    @Override
    FilePoints readEarlier(DataInput in, byte found) throws IOException {
        return FilePoints.earlier(RunPointCodec.readPoint(in));
    }
}
