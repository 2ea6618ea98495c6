package io.chimera.insight.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFileBehind() throws Exception {
        Path target = folder.resolve("latest.md");

        assertThat(AtomicFileWriter.writeIfChanged(target, "# one\n")).isTrue();
        assertThat(AtomicFileWriter.writeIfChanged(target, "# two\n")).isTrue();
        assertThat(AtomicFileWriter.writeIfChanged(target, "# two\n")).isFalse();

        assertThat(Files.readString(target)).isEqualTo("# two\n");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latest.md");
        }
    }

    /**
     * Reports are for others to read: every file the store writes gets the permissions the umask
     * gives any new file (0644 under umask 022), not a temp file's private 0600. Java cannot read
     * the umask, so a file made by {@code Files.createFile} in the same folder is the yardstick.
     */
    @Test
    void reportFilesGetThePermissionsTheUmaskGivesAnyNewFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        ReportStore store = new ReportStore(folder);
        store.write("gemma3", "# one\n", "{}\n", Map.of("ttft-percentiles.svg", "<svg/>"), List.of(),
                Instant.parse("2026-11-28T10:00:00Z"));
        store.writeIndex("# index\n");
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(Files.createFile(folder.resolve("yardstick")));

        for (String written : List.of("index.md", "gemma3/latest.md", "gemma3/latest.json",
                "gemma3/20261128T100000Z.md", "gemma3/ttft-percentiles.svg")) {
            assertThat(Files.getPosixFilePermissions(folder.resolve(written))).as(written).isEqualTo(umasked);
        }
    }
}
