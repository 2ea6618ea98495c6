package io.chimera.insight.app.options;

import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.watch.WatchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which folders are watched, and how: shared by ingest and up. */
public final class WatchFlags {

    @Option(names = "--watch", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Folders to watch, recursively (repeatable).")
    List<Path> folders;

    @Option(names = "--settle", paramLabel = "MILLIS",
            description = "A file is read once its size and modification time have not changed for this long "
                    + "(default: ${DEFAULT-VALUE}); raise it for rigs that pause while writing.")
    long settleMillis = WatchOptions.DEFAULT_SETTLE.toMillis();

    @Option(names = "--scan-interval", paramLabel = "MILLIS",
            description = "Changes are seen at once through file-system events; every folder is also listed again "
                    + "this often, for file systems that send none, such as network mounts "
                    + "(default: ${DEFAULT-VALUE}; 0: never).")
    long scanIntervalMillis = WatchOptions.DEFAULT_RESCAN_INTERVAL.toMillis();

    @Option(names = "--ignore", paramLabel = "GLOB",
            description = "Also skip files or folders matching GLOB (repeatable): a name glob (*.bak) or a path "
                    + "glob relative to the watched folder (drafts/**). Always skipped: hidden, *.tmp, *.part, *~.")
    List<String> ignoreGlobs = new ArrayList<>();

    /** @throws IllegalArgumentException when one of them is not a folder */
    public List<Path> folders() {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--watch " + folder + " is not a folder");
            }
        }
        return List.copyOf(folders);
    }

    public WatchOptions watchOptions() {
        if (settleMillis < 0 || scanIntervalMillis < 0) {
            throw new IllegalArgumentException("--settle and --scan-interval must not be negative");
        }
        List<String> globs = new ArrayList<>(CorpusScanner.DEFAULT_IGNORES);
        globs.addAll(ignoreGlobs);
        return new WatchOptions(Duration.ofMillis(settleMillis), Duration.ofMillis(scanIntervalMillis), globs);
    }
}
