package io.chimera.insight.ingest.watch;

import io.chimera.insight.ingest.scan.CorpusScanner;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link FolderWatcher} behaves.
 *
 * @param settle how long a file's size and modification time must stay the same before it is read:
 *               long enough to outlast the pauses of a rig writing its results
 * @param rescanInterval how often every folder is listed again even without events, as a safety net
 *                       for file systems that send none (network mounts); {@link Duration#ZERO} never
 * @param ignoreGlobs files and folders never read (see {@link io.chimera.insight.ingest.scan.IgnoreRules})
 */
public record WatchOptions(Duration settle, Duration rescanInterval, List<String> ignoreGlobs) {

    /** Rigs write a results file in one go or within a second of starting it. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);
    /** A full listing costs one stat per file; once a minute is nothing, and bounds what a lost event delays. */
    public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofMinutes(1);

    public WatchOptions {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        if (settle.isNegative() || rescanInterval.isNegative()) {
            throw new IllegalArgumentException("settle and rescan interval must not be negative");
        }
        ignoreGlobs = List.copyOf(ignoreGlobs);
    }

    /** One-second settle, a rescan a minute, the scanner's default ignores. */
    public static WatchOptions defaults() {
        return new WatchOptions(DEFAULT_SETTLE, DEFAULT_RESCAN_INTERVAL, CorpusScanner.DEFAULT_IGNORES);
    }

    public WatchOptions withSettle(Duration newSettle) {
        return new WatchOptions(newSettle, rescanInterval, ignoreGlobs);
    }

    public WatchOptions withRescanInterval(Duration newInterval) {
        return new WatchOptions(settle, newInterval, ignoreGlobs);
    }

    public WatchOptions withIgnoreGlobs(List<String> globs) {
        return new WatchOptions(settle, rescanInterval, globs);
    }
}
