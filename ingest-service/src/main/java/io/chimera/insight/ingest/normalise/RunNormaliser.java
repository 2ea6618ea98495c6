package io.chimera.insight.ingest.normalise;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Normalises a raw record into a {@link BenchmarkRun} with canonical metrics, following the
 * {@link MappingRules}.
 *
 * <ul>
 *   <li>Model: the record's model field, else the inherited one, else the path's, else
 *       {@code unknown}.</li>
 *   <li>Configuration: inherited entries (an {@code options} column or object) overlaid by the
 *       record's own configuration fields, under canonical keys, values per {@link ConfigValues}.</li>
 *   <li>A non-empty error field (other than {@code none}, {@code null}, {@code nan}, ...) or a false
 *       success flag makes a failed run: {@code ok=false}, the error kept, and <em>no</em> metrics,
 *       because the figures of a failed run (zeros, typically) are not measurements.</li>
 *   <li>Numeric fields become metrics ({@link MetricReader}); bookkeeping fields (an index) and
 *       non-numeric fields (prompt text) are not metrics; a timestamp field becomes observedAt.</li>
 *   <li>A field the rules map to a canonical metric whose value is neither a number nor a
 *       no-value marker ({@code nan}, {@code n/a}, {@code -}, ...) is an unusable value: dropped from
 *       the run, named in a warning and counted ({@link NormalisedRecord#droppedValues()}).</li>
 *   <li>A successful run without any metric is unusable (a dead letter, naming the first unusable
 *       value if there was one; its values are not counted again); an empty summary is skipped with a
 *       warning, its unusable values counted.</li>
 * </ul>
 */
public final class RunNormaliser {

    public static final String UNKNOWN_MODEL = "unknown";

    /** Error-column values that mean "no error" (pandas writes NaN for an empty cell). */
    private static final Set<String> NO_ERROR = Set.of("", "none", "null", "nan", "n/a", "na", "false", "0", "ok", "-");
    private static final Set<String> FALSE = Set.of("false", "no", "0", "n", "failed", "failure");
    /** Metric values that say "not measured" rather than being unusable. */
    private static final Set<String> NO_VALUE = Set.of("nan", "n/a", "na", "null", "none", "-", "\u2013", "\u2014");

    private final MetricReader metricReader;
    /** Each field name is looked up in the rules once, not once per row (bounded: names come from files). */
    private final BoundedMemo<String, FieldRole> roles;
    /** Settings repeat row after row ({@code 0.7}, {@code 2048}); each is formatted once. */
    private final BoundedMemo<String, String> configValues = new BoundedMemo<>(ConfigValues::format);

    public RunNormaliser(MappingRules rules) {
        this.metricReader = new MetricReader(rules);
        this.roles = new BoundedMemo<>(name -> FieldRole.decide(name, rules));
    }

    public NormalisedRecord normalise(RawRecord raw, SourceFile file) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> config = new LinkedHashMap<>();
        raw.context().config().forEach((name, value) ->
                config.put(roles.get(name).configKeyOrName(), configValues.get(value)));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        String model = null;
        String error = null;
        String timestamp = raw.context().timestamp().orElse(null);
        List<String> unusable = new ArrayList<>();
        for (Map.Entry<String, String> field : raw.fields().entrySet()) {
            String value = field.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            FieldRole role = roles.get(field.getKey());
            switch (role.kind()) {
                case MODEL -> model = value;
                case ERROR -> {
                    if (!NO_ERROR.contains(value.toLowerCase(Locale.ROOT))) {
                        error = value;
                    }
                }
                case SUCCESS -> {
                    if (FALSE.contains(value.toLowerCase(Locale.ROOT)) && error == null) {
                        error = field.getKey() + "=" + value;
                    }
                }
                case TIMESTAMP -> timestamp = value;
                case CONFIG -> config.put(role.configKey(), configValues.get(value));
                case NOT_A_METRIC -> { }
                case MEASURE -> {
                    Optional<Quantity> number = Quantity.parse(value);
                    if (number.isPresent()) {
                        metricReader.read(field.getKey(), role, number.get(), metrics, warnings);
                    } else if (role.metric().isPresent() && !NO_VALUE.contains(value.toLowerCase(Locale.ROOT))) {
                        unusable.add(field.getKey() + " '" + value + "' is not a number");
                    }
                }
            }
        }
        boolean ok = error == null;
        if (ok && metrics.isEmpty()) {
            if (raw.kind() == RecordKind.SUMMARY) {
                warnings.add("summary at " + raw.locator() + " holds no figure; skipped");
                return NormalisedRecord.skipped(dropped(raw, unusable, warnings), unusable.size());
            }
            return NormalisedRecord.unusable(new Problem(Problem.STAGE_NORMALISE, raw.locator(), "NoMetricValue",
                    "the run holds no numeric metric value" + (unusable.isEmpty() ? "" : " (" + unusable.get(0) + ")"),
                    raw.excerpt()), warnings);
        }
        // A failed run keeps no metrics on purpose (above), so its unusable values are not dropped ones.
        int dropped = ok ? unusable.size() : 0;
        if (ok) {
            dropped(raw, unusable, warnings);
        }
        BenchmarkRun run = BenchmarkRun.newBuilder()
                .setRunId(file.fileId() + "#" + raw.locator())
                .setFileId(file.fileId())
                .setFileSha256(file.sha256())
                .setPath(file.relativePath())
                .setLocator(raw.locator())
                .setKind(raw.kind())
                .setModel(modelOf(model, raw, file))
                .setConfig(config)
                .setMetrics(ok ? metrics : Map.of())
                .setOk(ok)
                .setError(error)
                .setObservedAt(Timestamps.parse(timestamp).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null))
                .setIngestedAt(file.ingestedAt().truncatedTo(ChronoUnit.MILLIS))
                .build();
        return NormalisedRecord.of(run, warnings, dropped);
    }

    /** Adds a warning for each unusable value of {@code raw}; gives {@code warnings}. */
    private static List<String> dropped(RawRecord raw, List<String> unusable, List<String> warnings) {
        unusable.forEach(value -> warnings.add(raw.locator() + ": " + value + "; value dropped"));
        return warnings;
    }

    private static String modelOf(String own, RawRecord raw, SourceFile file) {
        if (own != null) {
            return own;
        }
        return raw.context().model().or(file::pathModel).orElse(UNKNOWN_MODEL);
    }
}
