package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import java.util.Objects;

/**
 * One version of a source file, as far as a model's aggregate is concerned: its content hash,
 * when ingest read it, and its path.
 *
 * <p>Versions are ordered by ingest time, not by arrival, so a run of an old version that
 * shows up late can never wipe out a newer one. Two different versions read in the same
 * millisecond are ordered by hash: arbitrary, but the same on every replay.
 */
public record FileVersion(String sha256, long ingestedAt, String path) {

    public FileVersion {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }

    public static FileVersion of(BenchmarkRun run) {
        return new FileVersion(run.getFileSha256(), run.getIngestedAt().toEpochMilli(), run.getPath());
    }

    public static FileVersion of(BenchmarkFile file) {
        return new FileVersion(file.getSha256(), file.getIngestedAt().toEpochMilli(), file.getPath());
    }

    public boolean sameContent(FileVersion other) {
        return sha256.equals(other.sha256);
    }

    /** True when this is a different content of the file, read after {@code other}. */
    public boolean supersedes(FileVersion other) {
        if (sameContent(other)) {
            return false;
        }
        return ingestedAt != other.ingestedAt ? ingestedAt > other.ingestedAt : sha256.compareTo(other.sha256) > 0;
    }

    /** The newer of two versions, either of which may be null. */
    public static FileVersion newest(FileVersion a, FileVersion b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.supersedes(a) ? b : a;
    }
}
