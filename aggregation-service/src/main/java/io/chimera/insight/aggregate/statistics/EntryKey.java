package io.chimera.insight.aggregate.statistics;


import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The (file, config) part of a {@code aggregate-configs} key, ordered as the store orders its keys:
 * by file id, then config key, each compared as UTF-8 bytes (unsigned). Both RocksDB and the
 * in-memory store sort serialised keys bytewise, and {@code StateKeys} joins the parts with NUL, a
 * byte below any other, so this is the order of a prefix scan over one model.
 */
public final class EntryKey implements Comparable<EntryKey> {

    private final String fileId;
    private final String configKey;
    private final byte[] fileIdUtf8;
    private final byte[] configKeyUtf8;

    public EntryKey(String fileId, String configKey) {
        this.fileId = fileId;
        this.configKey = configKey;
        this.fileIdUtf8 = fileId.getBytes(StandardCharsets.UTF_8);
        this.configKeyUtf8 = configKey.getBytes(StandardCharsets.UTF_8);
    }

    String fileId() {
        return fileId;
    }

    String configKey() {
        return configKey;
    }

    @Override
    public int compareTo(EntryKey other) {
        int byFile = Arrays.compareUnsigned(fileIdUtf8, other.fileIdUtf8);
        return byFile != 0 ? byFile : Arrays.compareUnsigned(configKeyUtf8, other.configKeyUtf8);
    }

    /** Equal when the store would see one key (the same bytes), consistent with {@link #compareTo}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EntryKey key && Arrays.equals(fileIdUtf8, key.fileIdUtf8)
                && Arrays.equals(configKeyUtf8, key.configKeyUtf8);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fileIdUtf8) + Arrays.hashCode(configKeyUtf8);
    }

    @Override
    public String toString() {
        return fileId + '/' + configKey;
    }
}
