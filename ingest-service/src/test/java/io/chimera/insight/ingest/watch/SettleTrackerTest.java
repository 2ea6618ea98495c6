package io.chimera.insight.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.ingest.scan.ScannedFile;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settle rules on a hand-driven clock and a hand-written file system: no waiting, no races. */
class SettleTrackerTest {

    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Path ROOT = Path.of("/data");
    private static final ScannedFile RUNS = new ScannedFile(ROOT, ROOT.resolve("runs.csv"));
    private static final ScannedFile REPORT = new ScannedFile(ROOT, ROOT.resolve("sub/report.md"));

    private long now;
    private final Map<Path, FileStamp> disk = new HashMap<>();
    private final SettleTracker tracker = new SettleTracker(SETTLE, () -> now);

    @Test
    void aFileIsHandedOverOnlyAfterItsStampStayedTheSameForTheWholeInterval() {
        FileStamp written = write(RUNS, 100, 1);
        tracker.changed(RUNS, written);

        advanceMillis(999);
        assertThat(settled()).isEmpty();

        advanceMillis(1);
        assertThat(settled()).containsExactly(new SettleTracker.Settled(RUNS, written));
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void aFileStillGrowingWhenItsIntervalEndsWaitsAnotherWholeInterval() {
        tracker.changed(RUNS, write(RUNS, 100, 1));
        advanceMillis(1000);
        FileStamp grown = write(RUNS, 250, 2); // the writer went on without an event reaching us

        assertThat(settled()).isEmpty();
        advanceMillis(999);
        assertThat(settled()).isEmpty();
        advanceMillis(1);
        assertThat(settled()).containsExactly(new SettleTracker.Settled(RUNS, grown));
    }

    @Test
    void everyChangeEventRestartsTheInterval() {
        tracker.changed(RUNS, write(RUNS, 100, 1));
        advanceMillis(800);
        tracker.changed(RUNS, write(RUNS, 200, 2));
        advanceMillis(800);

        assertThat(settled()).isEmpty();
        advanceMillis(200);
        assertThat(settled()).extracting(SettleTracker.Settled::file).containsExactly(RUNS);
    }

    @Test
    void aFileDeletedOrReplacedByAFolderBeforeItSettledIsDropped() {
        tracker.changed(RUNS, write(RUNS, 100, 1));
        tracker.changed(REPORT, write(REPORT, 10, 1));
        disk.remove(RUNS.file());
        tracker.removed(ROOT.resolve("sub"));

        advanceMillis(1000);
        assertThat(settled()).isEmpty();
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void aRescanOffersOnlyFilesThatChangedSinceTheyWereHandedOver() {
        FileStamp v1 = write(RUNS, 100, 1);
        tracker.found(RUNS, v1);
        tracker.found(REPORT, write(REPORT, 10, 1));
        advanceMillis(1000);
        settled().forEach(tracker::handedOver);

        tracker.found(RUNS, v1); // the rescan after an overflow sees the same version
        FileStamp v2 = write(REPORT, 12, 3);
        tracker.found(REPORT, v2);
        advanceMillis(1000);

        assertThat(settled()).containsExactly(new SettleTracker.Settled(REPORT, v2));
    }

    @Test
    void aFailedHandOverIsOfferedAgainAfterTheRetryDelay() {
        FileStamp stamp = write(RUNS, 100, 1);
        tracker.changed(RUNS, stamp);
        advanceMillis(1000);
        SettleTracker.Settled first = settled().get(0);

        tracker.retryLater(first, Duration.ofSeconds(5));
        advanceMillis(4999);
        assertThat(settled()).isEmpty();
        advanceMillis(1);
        assertThat(settled()).containsExactly(first);
    }

    @Test
    void filesAreOfferedInTheOrderTheyWereFirstSeen() {
        tracker.found(REPORT, write(REPORT, 1, 1));
        tracker.found(RUNS, write(RUNS, 1, 1));
        advanceMillis(1000);

        assertThat(settled()).extracting(SettleTracker.Settled::file).containsExactly(REPORT, RUNS);
    }

    @Test
    void theNextDueTimeIsTheEarliestPendingDeadline() {
        assertThat(tracker.nanosUntilNextDue()).isEqualTo(Long.MAX_VALUE);
        tracker.changed(RUNS, write(RUNS, 1, 1));
        advanceMillis(300);
        tracker.changed(REPORT, write(REPORT, 1, 1));

        assertThat(tracker.nanosUntilNextDue()).isEqualTo(Duration.ofMillis(700).toNanos());
    }

    private List<SettleTracker.Settled> settled() {
        return tracker.takeSettled(path -> Optional.ofNullable(disk.get(path)));
    }

    private FileStamp write(ScannedFile file, long size, long modifiedSeconds) {
        FileStamp stamp = new FileStamp(size, FileTime.fromMillis(modifiedSeconds * 1000));
        disk.put(file.file(), stamp);
        return stamp;
    }

    private void advanceMillis(long millis) {
        now += Duration.ofMillis(millis).toNanos();
    }
}
