package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * What change detection keeps once per (model, file version) instead of in every run point: the
 * version's sha256 (to look its modified time up in the file catalog) and its path (for the events).
 */
public record ChangeFile(String sha256, String path) {

    public ChangeFile {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }
}
