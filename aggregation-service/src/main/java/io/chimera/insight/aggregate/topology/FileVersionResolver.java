package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.StateKeys;
import io.chimera.insight.aggregate.statistics.FileVersion;

import io.chimera.insight.events.BenchmarkRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every model's aggregate on the newest version of each file, so that a file re-published
 * with new content replaces its earlier runs instead of adding to them.
 *
 * <p>Two sources tell which version is newest. A run carries its file's version; when it is
 * newer than the one held, the held one is dropped. The file catalog (every {@code BenchmarkFile}
 * event, in a global store) covers what runs cannot: a new version without any run of some
 * model that the old version had. {@link #sweep()} finds those.
 */
final class FileVersionResolver {

    private static final Logger LOG = LoggerFactory.getLogger(FileVersionResolver.class);

    /** A model whose aggregate lost a superseded file version in a sweep. */
    record Swept(String model, FileVersion newVersion) {
    }

    /** Hears that a model's runs of a file were dropped for a newer version, so that what else holds them drops them too. */
    @FunctionalInterface
    interface Replacements {
        void replaced(String model, String fileId);
    }

    private final AggregateStore aggregates;
    private final CatalogVersions catalog;
    private final Replacements replacements;
    /**
     * {@link CatalogVersions#changeCount()} as the last sweep began (taken before it read the catalog), or as this
     * began on a store holding no version; -1 before any, or when the catalog's writes are not counted.
     */
    private long sweptAt = -1;

    FileVersionResolver(AggregateStore aggregates, CatalogVersions catalog, Replacements replacements) {
        this.aggregates = aggregates;
        this.catalog = catalog;
        this.replacements = replacements;
        // A task that starts holding no version will hold only what admit gives it, never older than the catalog
        // from this count on: as if swept now, finding nothing. (The count is taken before the store is looked at.)
        long catalogAt = catalog.changeCount();
        if (catalogAt >= 0 && aggregates.holdsNoVersions()) {
            sweptAt = catalogAt;
        }
    }

    /**
     * Decides whether {@code run} counts, switching the model to the run's file version when it is
     * newer (which drops the older version's entries).
     *
     * @return the version held for the run's file, which the run belongs to; empty when the run is of
     *         an older version than one already known, and is dropped
     */
    Optional<FileVersion> admit(String model, BenchmarkRun run) {
        String fileId = run.getFileId();
        FileVersion held = aggregates.version(model, fileId);
        FileVersion cataloged = catalogVersion(fileId);
        if (held != null && held.sha256().equals(run.getFileSha256())
                && (cataloged == null || cataloged.sameContent(held))) {
            // Most runs: a run of the version held, which the catalog knows no other version of. The general case
            // below comes to the same (the run's version neither supersedes nor differs from the one held), without
            // a version object per run.
            return Optional.of(held);
        }
        FileVersion known = FileVersion.newest(held, cataloged);
        FileVersion incoming = FileVersion.of(run);
        FileVersion target;
        if (known == null || incoming.supersedes(known)) {
            target = incoming;
        } else if (known.sameContent(incoming)) {
            target = known;
        } else {
            LOG.debug("Dropping run {} of {}: its version {} is older than {}", run.getRunId(), run.getPath(),
                    incoming.sha256(), known.sha256());
            return Optional.empty();
        }
        if (held == null) {
            aggregates.holdFirstVersion(model, fileId, target);
            return Optional.of(target);
        }
        if (!held.sameContent(target)) {
            LOG.info("File {} replaced for model {}: version {} supersedes {}", target.path(), model,
                    target.sha256(), held.sha256());
            aggregates.startVersion(model, fileId, target);
            replacements.replaced(model, fileId);
            return Optional.of(target);
        }
        return Optional.of(held);
    }

    /**
     * Drops every held file version that the catalog knows a newer version of; returns what it dropped.
     *
     * <p>Only a write to the catalog makes a held version one the catalog knows a newer version of: {@link #admit}
     * holds the newest of the run's version, the one held and the catalog's, and a sweep drops what the catalog
     * superseded. So a sweep with no catalog write since the last one began finds nothing, and reads nothing: it
     * read every held version and the catalog's version of each file, every 5 s whatever the load (8.6 % of row 13's
     * stream thread in a loaded bench run, docs/benchmarks.md "branch agg11"), and a task holds a version per
     * model and file. The first sweep of a processor that started on held versions (restored: they may be of any
     * age) and every sweep over a catalog whose writes are not counted read all.
     */
    List<Swept> sweep() {
        long catalogAt = catalog.changeCount();
        if (catalogAt >= 0 && catalogAt == sweptAt) {
            return List.of();
        }
        List<Swept> swept = new ArrayList<>();
        for (KeyValue<String, FileVersion> entry : aggregates.allVersions()) {
            String model = StateKeys.modelOf(entry.key);
            String fileId = StateKeys.fileIdOf(entry.key);
            FileVersion newer = catalogVersion(fileId);
            if (newer != null && newer.supersedes(entry.value)) {
                LOG.info("File {} replaced by version {} without runs of model {}; dropping its runs",
                        newer.path(), newer.sha256(), model);
                aggregates.startVersion(model, fileId, newer);
                replacements.replaced(model, fileId);
                swept.add(new Swept(model, newer));
            }
        }
        sweptAt = catalogAt;
        return swept;
    }

    private FileVersion catalogVersion(String fileId) {
        return catalog.version(fileId);
    }
}
