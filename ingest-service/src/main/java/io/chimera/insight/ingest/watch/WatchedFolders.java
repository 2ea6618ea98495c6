package io.chimera.insight.ingest.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import io.chimera.insight.ingest.scan.IgnoreRules;
import io.chimera.insight.ingest.scan.NotRegularFile;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders registered with a {@link WatchService}, which watches one folder at a time (inotify on
 * Linux), so every folder under a root is registered by itself, and new ones as they appear.
 *
 * <p>Symbolic links below a root are never followed, neither to folders nor to files: a link cannot
 * lead out of a root, cannot make a loop, and a file inside a root is always reached by its direct
 * path, so it has one identity. A folder belongs to the first root it was found under; a root inside
 * another root (or the same folder reached twice) is watched once.
 *
 * <p>Links and special files (FIFOs, sockets, devices) are never opened; each is logged once, at
 * INFO, when first met (a rescan does not repeat it), and counted while it is there
 * ({@link #skipped()}).
 *
 * <p>Not thread-safe: the watcher's thread owns it after start.
 */
final class WatchedFolders {

    /** A registered folder and the root its files are named relative to. */
    record Folder(Path root, Path dir) {
    }

    private static final Logger log = LoggerFactory.getLogger(WatchedFolders.class);

    private final WatchService service;
    private final IgnoreRules ignore;
    private final Map<WatchKey, Folder> byKey = new HashMap<>();
    private final Map<Path, WatchKey> byDir = new HashMap<>();
    /** Read by other threads too ({@link FolderWatcher#skipped()}). */
    private final Map<Path, NotRegularFile> skipped = new ConcurrentHashMap<>();
    private boolean warnedAboutRegistration;

    WatchedFolders(WatchService service, IgnoreRules ignore) {
        this.service = service;
        this.ignore = ignore;
    }

    /**
     * Registers {@code dir} (under {@code root}) and every folder below it, then lists them, reporting
     * each regular file that is not ignored. Registering before listing leaves no gap: a file created
     * meanwhile is listed, or raises an event, or both.
     */
    void addTree(Path root, Path dir, BiConsumer<ScannedFile, FileStamp> onFile) {
        Deque<Path> todo = new ArrayDeque<>();
        todo.push(dir);
        while (!todo.isEmpty()) {
            Path folder = todo.pop();
            if (!watch(root, folder)) {
                continue;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
                for (Path child : children) {
                    visit(root, child, todo, onFile);
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                removeTree(folder); // gone while we looked
            } catch (IOException e) {
                log.warn("cannot list {}: {}; its files are skipped until it can be read", folder, e.toString());
            }
        }
    }

    private void visit(Path root, Path child, Deque<Path> todo, BiConsumer<ScannedFile, FileStamp> onFile) {
        if (ignore.ignores(root, child)) {
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // deleted between listing and reading: its delete event follows
        }
        if (attributes.isDirectory()) {
            skipped.remove(child);
            todo.push(child);
        } else if (attributes.isRegularFile()) {
            skipped.remove(child);
            onFile.accept(new ScannedFile(root, child), FileStamp.of(attributes));
        } else {
            skip(child, attributes);
        }
    }

    /** {@code path} is a link or a special file: logged the first time it is met, counted while it is there. */
    void skip(Path path, BasicFileAttributes attributes) {
        NotRegularFile found = attributes.isSymbolicLink()
                ? new NotRegularFile(path, "a symbolic link, not followed below a watched root")
                : NotRegularFile.special(path);
        NotRegularFile known = skipped.put(path, found);
        if (known == null || !known.why().equals(found.why())) {
            log.info(found.describe());
        }
    }

    /** A file or folder at {@code path} turned regular: it is no longer skipped. */
    void regular(Path path) {
        skipped.remove(path);
    }

    /** Registers {@code folder}; false when it belongs to another root or is already watched by another name. */
    private boolean watch(Path root, Path folder) {
        WatchKey existing = byDir.get(folder);
        if (existing != null && existing.isValid()) {
            return byKey.get(existing).root().equals(root);
        }
        try {
            WatchKey key = folder.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            Folder known = byKey.get(key);
            if (known != null && !known.dir().equals(folder)) {
                log.debug("{} is {}, already watched", folder, known.dir());
                return false;
            }
            byKey.put(key, new Folder(root, folder));
            byDir.put(folder, key);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // Typically the inotify watch limit (fs.inotify.max_user_watches): the folder is still
            // listed now and by every rescan, it only raises no events.
            if (!warnedAboutRegistration) {
                warnedAboutRegistration = true;
                log.warn("cannot watch {} ({}); its changes are seen by the periodic rescan only", folder,
                        e.toString());
            }
        }
        return true;
    }

    Optional<Folder> folderOf(WatchKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    boolean isWatched(Path dir) {
        WatchKey key = byDir.get(dir);
        return key != null && key.isValid();
    }

    /** The folder was deleted or moved away: stop watching it and everything below it. */
    void removeTree(Path dir) {
        skipped.keySet().removeIf(path -> path.startsWith(dir));
        Iterator<Map.Entry<Path, WatchKey>> entries = byDir.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Path, WatchKey> entry = entries.next();
            if (entry.getKey().startsWith(dir)) {
                entry.getValue().cancel();
                byKey.remove(entry.getValue());
                entries.remove();
            }
        }
    }

    /** The key reports its folder can no longer be watched (deleted, unmounted). */
    void invalidated(WatchKey key) {
        Folder folder = byKey.remove(key);
        if (folder != null) {
            byDir.remove(folder.dir(), key);
        }
    }

    int size() {
        return byDir.size();
    }

    /** Links and special files under the roots now, not read. */
    int skipped() {
        return skipped.size();
    }
}
