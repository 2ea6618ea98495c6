package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * What change detection keeps once per (model, file version) instead of in every run point: the
 * version's sha256 (to look its modified time up in the file catalog) and its path (for the events).
 * Which configurations the file has points in is kept beside it, one small entry per (file,
 * configuration) ({@code ChangeStore}): a list in this entry would grow with a sweep file's
 * configurations and be rewritten whole for each new one.
 */
public record ChangeFile(String sha256, String path) {

    public ChangeFile {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }
}
