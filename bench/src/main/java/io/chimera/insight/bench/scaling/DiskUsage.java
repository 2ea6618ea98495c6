package io.chimera.insight.bench.scaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The bytes of the regular files under a folder: what a state store keeps on disk. */
public final class DiskUsage {

    private DiskUsage() {
    }

    /** Sum of the sizes of the regular files under {@code dir}; 0 when it does not exist. */
    public static long of(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(DiskUsage::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // RocksDB may delete a file between the listing and this call (a compaction)
        }
    }
}
