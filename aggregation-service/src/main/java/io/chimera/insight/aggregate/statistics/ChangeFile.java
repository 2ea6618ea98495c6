package io.chimera.insight.aggregate.statistics;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What change detection keeps once per (model, file version) instead of in every run point: the
 * version's sha256 (to look its modified time up in the file catalog), its path (for the events),
 * and the configurations it holds run points in. That last is the file's index: dropping a
 * replaced file reads its own points only, one prefix scan per configuration, never the rest of
 * the model's history.
 */
public record ChangeFile(String sha256, String path, SortedSet<String> configKeys) {

    public ChangeFile {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
        configKeys = new TreeSet<>(configKeys);
    }

    /** This file with {@code configKey} among its configurations. */
    public ChangeFile withConfig(String configKey) {
        if (configKeys.contains(configKey)) {
            return this;
        }
        TreeSet<String> more = new TreeSet<>(configKeys);
        more.add(configKey);
        return new ChangeFile(sha256, path, more);
    }

    /** This file without {@code configKey}: the history bound has dropped its last point there. */
    public ChangeFile withoutConfig(String configKey) {
        TreeSet<String> fewer = new TreeSet<>(configKeys);
        fewer.remove(configKey);
        return new ChangeFile(sha256, path, fewer);
    }
}
