package io.chimera.insight.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chimera.insight.ingest.CapturedLog;
import io.chimera.insight.ingest.SpecialFiles;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on the real file system (inotify on Linux). Absence is proven without fixed sleeps: a
 * sentinel file is written after the files that must not be handed over; since files are handed over
 * in the order they were first seen, once the sentinel is through, any earlier file would have been.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FolderWatcherTest {

    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @TempDir
    Path outside;

    /** What the handler saw: each file's root-relative path and its content when it was read. */
    private record Seen(String path, String content) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<FolderWatcher> watchers = new ArrayList<>();

    @AfterEach
    void stopWatchers() {
        watchers.forEach(FolderWatcher::close);
    }

    @Test
    void handsOverFilesPresentAtStartNewFilesAndFilesOfFoldersCreatedLater() throws IOException {
        write("present.csv", "a");
        write("sub/present.json", "b");
        FolderWatcher watcher = start(options(), this::record);

        write("new.csv", "c");
        write("x/y/z/deep.md", "d"); // three folders created at once, the file right after
        Files.createDirectories(root.resolve("later"));
        write("later/runs.csv", "e");

        awaitPaths("present.csv", "sub/present.json", "new.csv", "x/y/z/deep.md", "later/runs.csv");
        assertThat(seen).contains(new Seen("x/y/z/deep.md", "d"), new Seen("later/runs.csv", "e"));
        assertThat(watcher.isRunning()).isTrue();
    }

    @Test
    void aModifiedFileIsHandedOverAgainWithItsNewContent() throws IOException {
        write("runs.csv", "ttft_ms\n1\n");
        start(options(), this::record);
        awaitSeen(new Seen("runs.csv", "ttft_ms\n1\n"));

        Files.writeString(root.resolve("runs.csv"), "2\n", StandardOpenOption.APPEND);

        awaitSeen(new Seen("runs.csv", "ttft_ms\n1\n2\n"));
        assertThat(seen).containsExactly(new Seen("runs.csv", "ttft_ms\n1\n"), new Seen("runs.csv", "ttft_ms\n1\n2\n"));
    }

    @Test
    void aFileBeingWrittenIsReadOnlyOnceItStoppedGrowing() throws Exception {
        start(options().withSettle(Duration.ofMillis(1500)), this::record);
        StringBuilder expected = new StringBuilder("ttft_ms\n");

        try (OutputStream out = Files.newOutputStream(root.resolve("slow.csv"))) {
            out.write(expected.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < 20; i++) {
                String row = i + "\n";
                out.write(row.getBytes(StandardCharsets.UTF_8));
                out.flush();
                expected.append(row);
                TimeUnit.MILLISECONDS.sleep(20); // a rig writing row by row, pausing far less than the settle time
            }
        }

        awaitPaths("slow.csv");
        assertThat(seen).as("read once, complete").containsExactly(new Seen("slow.csv", expected.toString()));
    }

    @Test
    void aFileStagedUnderAnIgnoredNameIsReadOnceRenamedIntoPlace() throws IOException {
        start(options(), this::record);
        Path staged = write("upload.csv.part", "ttft_ms\n");
        Files.writeString(staged, "5\n", StandardOpenOption.APPEND);

        Files.move(staged, root.resolve("upload.csv"), StandardCopyOption.ATOMIC_MOVE);

        awaitPaths("upload.csv");
        assertThat(seen).containsExactly(new Seen("upload.csv", "ttft_ms\n5\n"));
    }

    @Test
    void ignoredGlobsAreNeverHandedOverBeforeOrAfterStart() throws IOException {
        write(".hidden.csv", "1");
        write("drafts/early.csv", "2");
        WatchOptions options = options().withIgnoreGlobs(
                Stream.concat(CorpusScanner.DEFAULT_IGNORES.stream(), Stream.of("drafts/**")).toList());
        start(options, this::record);

        write("scratch.tmp", "3");
        write("runs.csv~", "4");
        write(".git/objects/ab", "5");
        write("drafts/late.csv", "6");
        write("keep.csv", "7");

        awaitPaths("keep.csv");
        assertThat(paths()).containsOnly("keep.csv");
    }

    @Test
    void symbolicLinksAreNotFollowedOutOfTheRootNorIntoLoops() throws IOException {
        write("data/runs.csv", "1");
        Path secret = Files.writeString(outside.resolve("secret.csv"), "s");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/other.csv"), "o");
        assumeTrue(trySymlink(root.resolve("secret-link.csv"), secret), "symbolic links not supported here");
        Files.createSymbolicLink(root.resolve("dir-out"), outside.resolve("dir"));
        Files.createSymbolicLink(root.resolve("data/loop"), root);
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("data"));
        start(options(), this::record);

        Files.createSymbolicLink(root.resolve("late-out"), outside);
        Files.writeString(outside.resolve("dir/new.csv"), "n");
        write("sentinel.csv", "end");

        awaitPaths("sentinel.csv");
        assertThat(paths()).containsOnly("data/runs.csv", "sentinel.csv");
        for (String link : List.of("secret-link.csv", "dir-out", "data/loop", "alias", "late-out")) {
            Files.delete(root.resolve(link)); // the links, not their targets
        }
    }

    @Test
    void fifosSocketsAndLinksAreSkippedLoggedOnceEvenAcrossRescansAndCounted() throws Exception {
        write("runs.csv", "1");
        Path fifo = SpecialFiles.fifo(root.resolve("pipe.csv"));
        Path socket = SpecialFiles.socket(root.resolve("rig.sock"));
        Path link = root.resolve("link.csv");
        assumeTrue(trySymlink(link, root.resolve("runs.csv")), "symbolic links not supported here");
        String notFollowed = "a symbolic link, not followed below a watched root";
        try (CapturedLog log = CapturedLog.of(WatchedFolders.class)) {
            FolderWatcher watcher = start(options().withRescanInterval(Duration.ofMillis(100)), this::record);
            Path lateFifo = SpecialFiles.fifo(root.resolve("late.csv"));
            write("sentinel.csv", "end");

            awaitPaths("runs.csv", "sentinel.csv");
            long rescans = watcher.rescans();
            await().atMost(PATIENCE).until(() -> watcher.rescans() >= rescans + 2); // every path listed again
            assertThat(paths()).as("nothing but the regular files read").containsOnly("runs.csv", "sentinel.csv");
            assertThat(watcher.skipped()).isEqualTo(4);
            assertThat(log.messages()).as("one line each, rescans notwithstanding").containsExactlyInAnyOrder(
                    "skipping " + fifo + ": a FIFO", "skipping " + socket + ": a socket",
                    "skipping " + link + ": " + notFollowed, "skipping " + lateFifo + ": a FIFO");

            Files.delete(lateFifo);
            await().atMost(PATIENCE).until(() -> watcher.skipped() == 3);
        }
    }

    @Test
    void whenEventsAreLostTheFoldersAreRescannedAndEveryFileIsHandedOver() throws Exception {
        write("first.csv", "0");
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blocked = new AtomicBoolean();
        FolderWatcher watcher = start(options(), file -> {
            if (blocked.compareAndSet(false, true)) {
                busy.countDown();
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS); // a slow publish: nobody drains events
            }
            record(file);
        });
        assertThat(busy.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // More events than the JDK queues per folder (512) while the watcher is busy: an OVERFLOW.
        List<String> created = new ArrayList<>(List.of("first.csv"));
        for (int i = 0; i < 700; i++) {
            String name = String.format("f%03d.csv", i); // in a watched folder: one event each
            write(name, Integer.toString(i));
            created.add(name);
        }
        release.countDown();

        awaitPaths(created.toArray(String[]::new));
        assertThat(watcher.rescans()).as("the overflow was answered by a rescan").isPositive();
    }

    @Test
    void aDeletedFolderCreatedAgainIsWatchedAgain() throws IOException {
        write("sub/a.csv", "a");
        start(options(), this::record);
        awaitPaths("sub/a.csv");

        deleteTree(root.resolve("sub"));
        write("sub/b.csv", "b");

        awaitPaths("sub/b.csv");
    }

    @Test
    void aHandlerFailureIsRetriedAndDoesNotStopTheWatcher() throws IOException {
        write("flaky.csv", "1");
        AtomicBoolean failedOnce = new AtomicBoolean();
        FolderWatcher watcher = new FolderWatcher(List.of(root), options(), file -> {
            if (file.file().endsWith("flaky.csv") && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("broker unavailable");
            }
            record(file);
        }, Duration.ofMillis(300));
        watchers.add(watcher);
        watcher.start();
        write("steady.csv", "2");

        awaitPaths("flaky.csv", "steady.csv");
        assertThat(failedOnce).isTrue();
        assertThat(watcher.handedOver()).isEqualTo(2);
    }

    @Test
    void closeStopsTheThreadAndAMissingRootIsRefused() {
        FolderWatcher watcher = start(options(), this::record);
        watcher.close();
        assertThat(watcher.isRunning()).isFalse();

        FolderWatcher missing = new FolderWatcher(List.of(root.resolve("nope")), options(), this::record);
        org.assertj.core.api.Assertions.assertThatThrownBy(missing::start)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    private static WatchOptions options() {
        return WatchOptions.defaults().withSettle(SETTLE);
    }

    private FolderWatcher start(WatchOptions options, SettledFileHandler handler) {
        FolderWatcher watcher = new FolderWatcher(List.of(root), options, handler);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private void record(ScannedFile file) throws IOException {
        seen.add(new Seen(file.relativePath(), Files.readString(file.file())));
    }

    private List<String> paths() {
        return seen.stream().map(Seen::path).toList();
    }

    private void awaitPaths(String... expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).untilAsserted(
                () -> assertThat(paths()).contains(expected));
    }

    private void awaitSeen(Seen expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).untilAsserted(
                () -> assertThat(seen).contains(expected));
    }

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static boolean trySymlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
