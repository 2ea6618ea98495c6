package io.chimera.insight.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chimera.insight.ingest.CapturedLog;
import io.chimera.insight.ingest.SpecialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusScannerTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    @Test
    void listsFilesRecursivelySortedByRelativePath() throws IOException {
        touch("b/runs.csv");
        touch("a.json");
        touch("b/a/report.md");

        assertThat(relativePaths(new CorpusScanner().scan(root))).containsExactly("a.json", "b/a/report.md", "b/runs.csv");
    }

    @Test
    void skipsHiddenFilesHiddenFoldersAndPartialFilesByDefault() throws IOException {
        touch("runs.csv");
        touch(".hidden.csv");
        touch(".git/config");
        touch("upload.csv.part");
        touch("scratch.tmp");
        touch("runs.csv~");

        assertThat(relativePaths(new CorpusScanner().scan(root))).containsExactly("runs.csv");
    }

    @Test
    void customGlobsMatchNamesOrRelativePaths() throws IOException {
        touch("keep/runs.csv");
        touch("drafts/runs.csv");
        touch("keep/old.bak");

        List<ScannedFile> files = new CorpusScanner(List.of("*.bak", "drafts/**")).scan(root);

        assertThat(relativePaths(files)).containsExactly("keep/runs.csv");
    }

    @Test
    void followsLinksInsideTheRootButNotOutOfIt() throws IOException {
        touch("data/runs.csv");
        Path secret = Files.writeString(outside.resolve("secret.csv"), "x");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/other.csv"), "y");
        assumeTrue(trySymlink(root.resolve("link-out.csv"), secret));
        Files.createSymbolicLink(root.resolve("dir-out"), outside.resolve("dir"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("data"));

        List<ScannedFile> files = new CorpusScanner().scan(root);

        assertThat(relativePaths(files)).as("the file reached through alias/ is listed once, by its own path")
                .containsExactly("data/runs.csv");
        for (String link : List.of("link-out.csv", "dir-out", "alias")) {
            Files.delete(root.resolve(link)); // the links, not their targets
        }
    }

    @Test
    void fifosSocketsBrokenLinksAndLinksOutOfTheRootAreSkippedLoggedOnceAndCounted() throws Exception {
        touch("runs.csv");
        Path fifo = SpecialFiles.fifo(root.resolve("pipe.csv"));
        Path socket = SpecialFiles.socket(root.resolve("rig.sock"));
        Path secret = Files.writeString(outside.resolve("secret.csv"), "x");
        Path linkOut = root.resolve("link-out.csv");
        assumeTrue(trySymlink(linkOut, secret));
        Path broken = Files.createSymbolicLink(root.resolve("broken.csv"), root.resolve("gone.csv"));
        String out = "a symbolic link leading out of the root, not followed";

        CorpusScanner.Scan scan;
        try (CapturedLog log = CapturedLog.of(CorpusScanner.class)) {
            scan = new CorpusScanner().scanAll(List.of(root)); // returns: the FIFO is never opened
            assertThat(log.messages()).containsExactlyInAnyOrder("skipping " + fifo + ": a FIFO",
                    "skipping " + socket + ": a socket", "skipping " + linkOut + ": " + out,
                    "skipping " + broken + ": a broken symbolic link");
        }

        assertThat(relativePaths(scan.files())).containsExactly("runs.csv");
        assertThat(scan.skipped()).extracting(NotRegularFile::path, NotRegularFile::why).containsExactlyInAnyOrder(
                tuple(fifo, "a FIFO"), tuple(socket, "a socket"), tuple(linkOut, out),
                tuple(broken, "a broken symbolic link"));
        assertThat(new CorpusScanner().scanAll(List.of(fifo)).skipped()).as("a FIFO given as the root")
                .singleElement().extracting(NotRegularFile::why).isEqualTo("a FIFO");
        Files.delete(linkOut); // the link, not its target
    }

    @Test
    void severalRootsKeepTheirOrderAndAFileRootIsListedAlone() throws IOException {
        Path second = touch("z/two.csv");
        Path first = Files.writeString(outside.resolve("one.csv"), "1");

        List<ScannedFile> files = new CorpusScanner().scanAll(List.of(outside, second)).files();

        assertThat(files).extracting(ScannedFile::file).containsExactly(first, second);
        assertThat(files.get(1).relativePath()).isEqualTo("two.csv");
    }

    @Test
    void missingRootIsAnError() {
        assertThatThrownBy(() -> new CorpusScanner().scan(root.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, relative);
    }

    private static boolean trySymlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static List<String> relativePaths(List<ScannedFile> files) {
        return files.stream().map(ScannedFile::relativePath).toList();
    }
}
