package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * What change detection keeps once per (model, file version) instead of in every run point: the
 * version's sha256 (to look its modified time up in the file catalog) and its path (for the events).
 * Kept in the file's first index chunk ({@code ChangeStore}), beside the first of the configurations
 * the file has points in, which its chunks name 64 at most each: a list in one entry would grow with
 * a sweep file's configurations and be rewritten whole for each new one.
 */
public record ChangeFile(String sha256, String path) {

    public ChangeFile {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }
}
