package io.chimera.insight.ingest.normalise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mapping from rig field names to the canonical vocabulary, loaded from
 * {@code mapping.yaml} in the jar and optionally extended by a user file. Rules are data so that
 * a new rig's spelling is a line of YAML, not a code change.
 *
 * <p>Every lookup takes a snake_case name (see {@link SnakeCase}).
 */
public final class MappingRules {

    /** Where the bundled rules live on the classpath. */
    public static final String BUNDLED_RESOURCE = "/io/chimera/insight/ingest/mapping.yaml";

    private final Units units;
    private final Map<String, MetricSource> metricSources;
    private final Map<String, String> configKeys;
    private final Set<String> modelFields;
    private final Set<String> errorFields;
    private final Set<String> successFields;
    private final Set<String> timestampFields;
    private final Set<String> optionsFields;
    private final Set<String> ignoredFields;
    private final SummaryMarkers summary;
    private final List<String> modelFamilies;
    private final List<PathMatcher> summaryFiles;
    /**
     * Rigs reuse a few file names (metrics.json, report.md) across runs, and matching every glob
     * was 7 % of reading a small file. Bounded: names come from the file system.
     */
    private final BoundedMemo<String, Boolean> summaryFileNames = new BoundedMemo<>(this::matchesSummaryGlob);

    MappingRules(Units units, Map<String, MetricSource> metricSources, Map<String, String> configKeys,
                 Set<String> modelFields, Set<String> errorFields, Set<String> successFields,
                 Set<String> timestampFields, Set<String> optionsFields, Set<String> ignoredFields,
                 SummaryMarkers summary, List<String> modelFamilies) {
        this.units = units;
        this.metricSources = Map.copyOf(metricSources);
        this.configKeys = Map.copyOf(configKeys);
        this.modelFields = Set.copyOf(modelFields);
        this.errorFields = Set.copyOf(errorFields);
        this.successFields = Set.copyOf(successFields);
        this.timestampFields = Set.copyOf(timestampFields);
        this.optionsFields = Set.copyOf(optionsFields);
        this.ignoredFields = Set.copyOf(ignoredFields);
        this.summary = summary;
        this.modelFamilies = List.copyOf(modelFamilies);
        this.summaryFiles = summary.fileGlobs().stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The bundled rules only. */
    public static MappingRules bundled() {
        return load(Optional.empty());
    }

    /**
     * The bundled rules, extended by {@code extra} when present.
     *
     * @throws IllegalArgumentException when a rules file is malformed (unknown unit, bad shape)
     * @throws UncheckedIOException when {@code extra} cannot be read
     */
    public static MappingRules load(Optional<Path> extra) {
        MappingRulesReader reader = new MappingRulesReader();
        try (InputStream bundled = MappingRules.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (bundled == null) {
                throw new IllegalStateException("bundled mapping rules missing: " + BUNDLED_RESOURCE);
            }
            reader.read(bundled, BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled mapping rules", e);
        }
        if (extra.isPresent()) {
            try (InputStream user = Files.newInputStream(extra.get())) {
                reader.read(user, extra.get().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mapping rules " + extra.get(), e);
            }
        }
        return reader.build();
    }

    public Units units() {
        return units;
    }

    /** The canonical metric a field feeds, by its exact name. */
    public Optional<MetricSource> metric(String snakeName) {
        return Optional.ofNullable(metricSources.get(snakeName));
    }

    /**
     * The canonical metric a summary figure stands for: its exact name first, then the name with a
     * mean prefix or suffix removed ({@code average_ttft_ms} is the mean of {@code ttft_ms}).
     * Other aggregates (stddev, median, ...) are not the metric itself and resolve to nothing.
     */
    public Optional<MetricSource> summaryMetric(String snakeName) {
        Optional<MetricSource> exact = metric(snakeName);
        if (exact.isPresent()) {
            return exact;
        }
        return summary.stripMean(snakeName).flatMap(this::metric);
    }

    /** Whether the name states an aggregate (a mean, stddev, median, min, max, percentile). */
    public boolean isAggregate(String snakeName) {
        // A name the rules know as a run metric or a setting (max_tokens) is not an aggregate.
        if (metricSources.containsKey(snakeName) || configKeys.containsKey(snakeName)) {
            return false;
        }
        return summary.isAggregate(snakeName);
    }

    /** The canonical configuration key of a field, if it is configuration. */
    public Optional<String> configKey(String snakeName) {
        return Optional.ofNullable(configKeys.get(snakeName));
    }

    public boolean isModelField(String snakeName) {
        return modelFields.contains(snakeName);
    }

    public boolean isErrorField(String snakeName) {
        return errorFields.contains(snakeName);
    }

    public boolean isSuccessField(String snakeName) {
        return successFields.contains(snakeName);
    }

    public boolean isTimestampField(String snakeName) {
        return timestampFields.contains(snakeName);
    }

    /** Whether the field holds a whole object of configuration ({@code options}, {@code configuration}). */
    public boolean isOptionsField(String snakeName) {
        return optionsFields.contains(snakeName);
    }

    /** Whether the field is bookkeeping (an index, a pid) that is never a measurement. */
    public boolean isIgnored(String snakeName) {
        return ignoredFields.contains(snakeName);
    }

    /** Whether a JSON object under this name holds aggregates ({@code aggregate_metrics}). */
    public boolean isSummaryContainer(String snakeName) {
        return summary.containers().contains(snakeName);
    }

    /** Whether a file of this name holds only summaries ({@code *_summary.csv}, {@code summary.json}). */
    public boolean isSummaryFileName(String fileName) {
        return summaryFileNames.get(fileName);
    }

    private boolean matchesSummaryGlob(String fileName) {
        Path name = Path.of(fileName.toLowerCase(Locale.ROOT));
        return summaryFiles.stream().anyMatch(m -> m.matches(name));
    }

    /** Whether a heading announces derived figures ("Top 10 Configurations", "Summary"). */
    public boolean isSummaryHeading(String heading) {
        for (String word : heading.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (summary.headingWords().contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Model family names, as the first token of a file or folder name that names a model. */
    public List<String> modelFamilies() {
        return modelFamilies;
    }
}
