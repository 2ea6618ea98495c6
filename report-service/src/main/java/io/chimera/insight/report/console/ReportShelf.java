package io.chimera.insight.report.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.report.ReportIndex;
import io.chimera.insight.report.render.BestConfiguration;
import io.chimera.insight.report.render.Figures;
import io.chimera.insight.report.store.ReportStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report store as the console reads it: the files the report service wrote, read again on each
 * request (they are small, and a restart or another writer's report shows at once). Only names that
 * could be a slug or a file the store writes are looked up, so a request never leaves the folder.
 */
final class ReportShelf {

    /** A model folder or a file name in it: what {@code ModelSlug} and the store produce, nothing with a path. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** The timestamped copy of an earlier version of latest.md. */
    static final Pattern VERSION = Pattern.compile("\\d{8}T\\d{6}Z\\.md");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    ReportShelf(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every model with a report, by name; a folder whose latest.json cannot be read is left out of the table. */
    List<ModelRow> models() throws IOException {
        List<ModelRow> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return rows;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Path json = folder.resolve(ReportStore.LATEST_JSON);
                Path markdown = folder.resolve(ReportStore.LATEST_MARKDOWN);
                if (Files.isRegularFile(json) && Files.isRegularFile(markdown)) {
                    try {
                        rows.add(rowOf(folder.getFileName().toString(), JSON.readTree(json.toFile()),
                                Files.getLastModifiedTime(markdown).toInstant()));
                    } catch (IOException e) {
                        // replaced while read (the writer renames atomically): the next poll reads it whole
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(ModelRow::model));
        return rows;
    }

    private static ModelRow rowOf(String slug, JsonNode report, Instant updated) {
        String status = report.path("status").asText();
        return new ModelRow(report.path("model").asText(), slug, report.path("runs").asLong(),
                report.path("failedRuns").asLong(), p50(report, CanonicalMetric.TOKENS_PER_S),
                p50(report, CanonicalMetric.TTFT_MS), finding(report), ModelChanges.of(report), status, ReportIndex.statusText(status), updated);
    }

    private static Double p50(JsonNode report, CanonicalMetric metric) {
        JsonNode p50 = report.path("metrics").path(metric.canonicalName()).path("p50");
        return p50.isNumber() ? p50.asDouble() : null;
    }

    /**
     * The best configuration for tokens/s in the words of the report and the index ({@link BestConfiguration}:
     * the only one with 2+ runs is not called best); without one (a sweep of single runs), the
     * first-ranked parameter effect on tokens/s when it is significant; else empty.
     */
    static String finding(JsonNode report) {
        String tokensPerS = CanonicalMetric.TOKENS_PER_S.canonicalName();
        Optional<BestConfiguration> best = BestConfiguration.of(report);
        if (best.isPresent()) {
            return best.get().ranked() ? "best: " + best.get().label() + " (n = " + best.get().runs() + ")"
                    : best.get().text();
        }
        for (JsonNode effect : report.path("effects")) {
            if (effect.path("metric").asText().equals(tokensPerS) && effect.path("rank").asInt() == 1
                    && effect.path("significant").asBoolean()) {
                return "sweep: " + effect.path("key").asText() + " matters most (η² "
                        + Figures.format(effect.path("etaSquared").asDouble()) + ")";
            }
        }
        return "";
    }

    /** The folder of the model with this slug, when there is one. */
    Optional<Path> folder(String slug) {
        if (!PLAIN_NAME.matcher(slug).matches()) {
            return Optional.empty();
        }
        Path folder = root.resolve(slug);
        return Files.isRegularFile(folder.resolve(ReportStore.LATEST_MARKDOWN)) ? Optional.of(folder)
                : Optional.empty();
    }

    /** A plain file in a model's folder (a chart, latest.json, an earlier version), when it exists. */
    Optional<Path> file(String slug, String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return folder(slug).map(folder -> folder.resolve(name)).filter(Files::isRegularFile);
    }

    /** The earlier versions of a model's report, newest first: the timestamped copies of latest.md. */
    List<String> versions(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> VERSION.matcher(name).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        }
    }

    /** The dead-letter listing, when the report service keeps one (there are dead letters that count). */
    Optional<String> deadLetters() throws IOException {
        Path listing = root.resolve(ReportStore.DEAD_LETTERS_FILE);
        return Files.isRegularFile(listing) ? Optional.of(Files.readString(listing)) : Optional.empty();
    }

    Path root() {
        return root;
    }
}
