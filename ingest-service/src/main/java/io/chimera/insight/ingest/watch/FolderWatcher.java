package io.chimera.insight.ingest.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.chimera.insight.ingest.scan.IgnoreRules;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders recursively and hands each file to a {@link SettledFileHandler} once it is
 * complete: the files present at start, files created, modified or moved in later, and the files of
 * folders created later.
 *
 * <ul>
 *   <li><b>Complete</b>: size and modification time unchanged for {@link WatchOptions#settle()} (see
 *       {@link SettleTracker}). A file renamed into place is complete at once but is also handed over
 *       after one interval: the watch API reports a rename like a creation. Writers that stage under an
 *       ignored name ({@code *.tmp}, {@code *.part}, hidden) and rename are never read half-written.</li>
 *   <li><b>Lost events</b>: when the OS or JDK event queue overflows, every folder is listed again;
 *       files whose stamp did not change since they were handed over are not offered again. A periodic
 *       rescan ({@link WatchOptions#rescanInterval()}) covers file systems that raise no events.</li>
 *   <li><b>Links</b> below a root are never followed, special files (FIFOs, sockets, devices) never
 *       opened; each is logged once and counted ({@link #skipped()}, see {@link WatchedFolders}).</li>
 *   <li><b>Never stops on bad input</b>: the handler owns bad content (dead letters); when it throws
 *       (a broker that is down), the file is offered again later; any other error is logged and the
 *       loop goes on.</li>
 * </ul>
 *
 * <p>One thread watches and hands over the files that settled together (see
 * {@link SettledFileHandler#settledAll}), so the handler needs no locking.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** How often an idle watcher wakes up to check it was not closed. */
    private static final long IDLE_NANOS = Duration.ofMillis(500).toNanos();
    /** A handler failure is usually the cluster: retrying at once would only fail again. */
    private static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Files handed over in one call at most, so that closing never waits for a whole backlog. */
    private static final int MAX_HANDOVER = 1000;

    private final List<Path> roots;
    private final WatchOptions options;
    private final SettledFileHandler handler;
    private final IgnoreRules ignore;
    private final SettleTracker tracker;
    private final Duration retryDelay;
    private final AtomicLong rescans = new AtomicLong();
    private final AtomicLong handedOver = new AtomicLong();
    private volatile WatchService service;
    private WatchedFolders folders;
    private volatile Thread thread;
    private volatile boolean running;
    private long nextRescanAt;

    public FolderWatcher(List<Path> roots, WatchOptions options, SettledFileHandler handler) {
        this(roots, options, handler, options.settle().compareTo(MIN_RETRY_DELAY) > 0 ? options.settle()
                : MIN_RETRY_DELAY);
    }

    /** With the delay before a file whose handler threw is offered again (tests shorten it). */
    FolderWatcher(List<Path> roots, WatchOptions options, SettledFileHandler handler, Duration retryDelay) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no folder to watch");
        }
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        this.options = options;
        this.handler = handler;
        this.ignore = new IgnoreRules(options.ignoreGlobs());
        this.tracker = new SettleTracker(options.settle(), System::nanoTime);
        this.retryDelay = retryDelay;
    }

    /**
     * Registers every folder under the roots and lists their files, then starts the watching thread.
     * When it returns, every change from now on is seen.
     *
     * @throws IllegalArgumentException when a root is not a folder
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the watcher was started already");
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("not a folder: " + root);
            }
        }
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch folders: " + e.getMessage(), e);
        }
        folders = new WatchedFolders(service, ignore);
        for (Path root : roots) {
            folders.addTree(root, root, tracker::found);
        }
        scheduleRescan();
        log.info("watching {}: {} folders, {} files found, {} skipped (not regular files)", roots, folders.size(),
                tracker.pendingCount(), folders.skipped());
        running = true;
        thread = new Thread(this::loop, "chimera-folder-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                try {
                    step();
                } catch (ClosedWatchServiceException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.error("folder watcher error (going on): {}", e.toString(), e);
                    pause();
                }
            }
        } finally {
            running = false;
        }
    }

    private void step() throws InterruptedException {
        boolean overflowed = false;
        WatchKey key = service.poll(pollTimeoutNanos(), TimeUnit.NANOSECONDS);
        while (key != null) {
            overflowed |= handleEvents(key);
            key = service.poll();
        }
        if (overflowed || rescanDue()) {
            rescan(overflowed ? "the event queue overflowed" : "periodic");
        }
        List<SettleTracker.Settled> settled = tracker.takeSettled(FileStamp::read);
        for (int from = 0; from < settled.size(); from += MAX_HANDOVER) {
            if (!running) {
                return; // closing: what is left is found again at the next start
            }
            handOver(settled.subList(from, Math.min(settled.size(), from + MAX_HANDOVER)));
        }
    }

    /** Applies one folder's events; true when some were lost. */
    private boolean handleEvents(WatchKey key) {
        List<WatchEvent<?>> events = key.pollEvents();
        boolean valid = key.reset();
        Optional<WatchedFolders.Folder> watched = folders.folderOf(key);
        boolean overflowed = false;
        for (WatchEvent<?> event : events) {
            if (event.kind() == OVERFLOW) {
                overflowed = true; // the kernel's queue overflowing is signalled on every key, known or not
            } else if (watched.isPresent()) {
                apply(watched.get(), event.kind(), (Path) event.context());
            }
        }
        if (!valid) {
            folders.invalidated(key);
        }
        return overflowed;
    }

    private void apply(WatchedFolders.Folder folder, WatchEvent.Kind<?> kind, Path name) {
        Path child = folder.dir().resolve(name);
        if (ignore.ignores(folder.root(), child)) {
            return;
        }
        Optional<BasicFileAttributes> attributes = kind == ENTRY_DELETE ? Optional.empty() : attributesOf(child);
        if (attributes.isEmpty()) {
            tracker.removed(child);
            folders.removeTree(child);
        } else if (attributes.get().isDirectory()) {
            folders.regular(child);
            if (kind == ENTRY_CREATE || !folders.isWatched(child)) {
                folders.addTree(folder.root(), child, tracker::found);
            }
        } else if (attributes.get().isRegularFile()) {
            folders.regular(child);
            tracker.changed(new ScannedFile(folder.root(), child), FileStamp.of(attributes.get()));
        } else {
            folders.skip(child, attributes.get()); // never opened; the tracker drops a file that turned into one
        }
    }

    private void rescan(String why) {
        rescans.incrementAndGet();
        log.info("rescanning {} ({})", roots, why);
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                folders.addTree(root, root, tracker::found);
            } else {
                log.warn("watched folder {} is missing; looking again at the next rescan", root);
            }
        }
        scheduleRescan();
    }

    private void handOver(List<SettleTracker.Settled> settled) {
        List<ScannedFile> files = new ArrayList<>(settled.size());
        settled.forEach(file -> files.add(file.file()));
        Map<ScannedFile, SettledFileHandler.Failure> failed = new HashMap<>();
        try {
            handler.settledAll(files).forEach(failure -> failed.put(failure.file(), failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (RuntimeException e) { // a handler bug: offer the files again rather than lose them
            files.forEach(file -> failed.put(file, new SettledFileHandler.Failure(file, e)));
        }
        for (SettleTracker.Settled file : settled) {
            SettledFileHandler.Failure failure = failed.get(file.file());
            if (failure == null) {
                tracker.handedOver(file);
                handedOver.incrementAndGet();
            } else {
                Duration delay = failure.retryAfter().orElse(retryDelay);
                log.warn("{} could not be handled, trying again in {} ms: {}", file.file().file(),
                        delay.toMillis(), failure.error().toString());
                tracker.retryLater(file, delay);
            }
        }
    }

    private long pollTimeoutNanos() {
        long timeout = Math.min(IDLE_NANOS, tracker.nanosUntilNextDue());
        if (!options.rescanInterval().isZero()) {
            timeout = Math.min(timeout, Math.max(0, nextRescanAt - System.nanoTime()));
        }
        return timeout;
    }

    private boolean rescanDue() {
        return !options.rescanInterval().isZero() && System.nanoTime() - nextRescanAt >= 0;
    }

    private void scheduleRescan() {
        nextRescanAt = System.nanoTime() + options.rescanInterval().toNanos();
    }

    private static Optional<BasicFileAttributes> attributesOf(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the watching thread runs. */
    public boolean isRunning() {
        return running;
    }

    /** Full listings done since start because events were lost or the rescan interval passed. */
    public long rescans() {
        return rescans.get();
    }

    /** Links and special files under the roots, seen and not read (each logged once). */
    public int skipped() {
        return folders == null ? 0 : folders.skipped();
    }

    /** Files handed to the handler without it throwing. */
    public long handedOver() {
        return handedOver.get();
    }

    /**
     * Stops watching; a file being handed over is finished first. May be called from the handler
     * itself (it then returns at once and the thread ends after the handler returns).
     */
    @Override
    public void close() {
        running = false;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("closing the watch service: {}", e.toString());
            }
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
