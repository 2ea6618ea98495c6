package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Every {@link ConfigChunk} of one file of a model, as {@code change-file-configs} holds them, with
 * the chunk each configuration is in: the configurations the file has points in, all of them (read
 * with one prefix scan of the file's entries, or known from the file's first run). A new
 * configuration goes into the last chunk, or a new one once that is full; one the file leaves is taken
 * from its chunk. The {@link FileChunks} of the index, as a file's configurations are a set where its
 * points are a map. The file's own fields are in its first chunk ({@link ConfigChunk#FIRST}).
 */
final class FileConfigs extends ChunkedFileEntries<ConfigChunk> {

    /** @param prefix the file's prefix in {@code change-file-configs}: its key and the separator */
    FileConfigs(String prefix) {
        super(prefix, ConfigChunk::new, ConfigChunk::isFull, ConfigChunk::remove);
    }

    /** A chunk as read from the store. */
    void loaded(int number, ConfigChunk chunk) {
        loaded(number, chunk, chunk.configs());
    }

    /** Adds the configuration (not held): to the last chunk, or a new one after it; the chunk's number. */
    int add(String configKey) {
        int number = chunkFor(configKey);
        chunk(number).add(configKey);
        return number;
    }

    /** The file version's fields, from its first chunk; null while it has none (a new file, or an earlier layout's). */
    ChangeFile file() {
        ConfigChunk first = chunk(ConfigChunk.FIRST);
        return first == null ? null : first.file();
    }

    /** Sets the file's fields in its first chunk (made if the file has none); the chunk's number, to put it. */
    int file(ChangeFile file) {
        chunkOrNew(ConfigChunk.FIRST).file(file);
        return ConfigChunk.FIRST;
    }

    /** The configurations, chunk by chunk, each in the order it was added. */
    List<String> configs() {
        List<String> configs = new ArrayList<>(size());
        chunks().values().forEach(chunk -> configs.addAll(chunk.configs()));
        return configs;
    }

    /** Each chunk's number, in order (a copy: the action may drop chunks). */
    void forEachChunk(IntConsumer action) {
        new ArrayList<>(chunks().keySet()).forEach(action::accept);
    }
}
