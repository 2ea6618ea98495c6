package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Format 2 of a {@code change-runs} entry, a {@link PointChunk}: the count of points, then each
 * point's run id and its {@link RunPoint} (as {@link RunPointCodec} lays one out). Reads format 1 too,
 * the earlier layout's one point per entry (its run id in the entry's key), as a chunk of that point
 * under {@link PointChunk#ID_IN_KEY}.
 */
public final class PointChunkCodec extends StateCodec<PointChunk> {

    private static final byte EARLIER_ONE_POINT = 1;

    public PointChunkCodec() {
        super(2);
    }

    @Override
    void write(DataOutput out, PointChunk value) throws IOException {
        out.writeByte(value.size());
        // Each run id and point, written as the runs were put (PointChunk.encodedPoints).
        value.encodedPoints().writeTo(out);
    }

    @Override
    PointChunk read(DataInput in) throws IOException {
        int count = in.readUnsignedByte();
        if (count > PointChunk.CAPACITY) {
            throw new IOException("a chunk of " + count + " points, at most " + PointChunk.CAPACITY + " are written");
        }
        Map<String, RunPoint> byRun = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            byRun.put(readString(in), RunPointCodec.readPoint(in));
        }
        return new PointChunk(byRun);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found == EARLIER_ONE_POINT;
    }

    @Override
    PointChunk readEarlier(DataInput in, byte found) throws IOException {
        return PointChunk.earlier(RunPointCodec.readPoint(in));
    }
}
