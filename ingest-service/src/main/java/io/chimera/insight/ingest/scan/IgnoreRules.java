package io.chimera.insight.ingest.scan;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files and folders a scan skips: a glob without {@code /} is matched against the name of
 * each file and folder ({@code .*} skips hidden ones with everything inside); a glob with
 * {@code /} against the root-relative path ({@code drafts/**}). Shared by the one-shot scanner
 * and the folder watcher, so both skip the same files.
 */
public final class IgnoreRules {

    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<PathMatcher> pathMatchers = new ArrayList<>();

    public IgnoreRules(List<String> globs) {
        FileSystem fs = FileSystems.getDefault();
        for (String glob : globs) {
            if (glob.isBlank()) {
                continue;
            }
            PathMatcher matcher = fs.getPathMatcher("glob:" + glob.strip());
            (glob.contains("/") ? pathMatchers : nameMatchers).add(matcher);
        }
    }

    /** Whether {@code path} (a file or folder under {@code root}, not the root itself) is ignored. */
    public boolean ignores(Path root, Path path) {
        Path name = path.getFileName();
        if (name != null && nameMatchers.stream().anyMatch(m -> m.matches(name))) {
            return true;
        }
        Path relative = root.relativize(path);
        return pathMatchers.stream().anyMatch(m -> m.matches(relative));
    }
}
