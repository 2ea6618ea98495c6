package io.chimera.insight.ingest.normalise;

import io.chimera.insight.events.Metric;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one numeric field into a metric: a known source is converted to its canonical name and
 * unit; anything else is kept under its own snake_case name with the unit written after the value,
 * else the unit its header states in parentheses ({@code "VRAM (GB)"}), else none. Conversion works on the exact decimal, so {@code ttft_s 1.1485114} is
 * {@code ttft_ms 1148.5114}, not {@code 1148.5114000000001}.
 */
final class MetricReader {

    private static final Pattern HEADER_UNIT = Pattern.compile("\\(([^()]{1,20})\\)\\s*$");

    private static final Pattern TIME_SUFFIX = Pattern.compile("_(ms|us|ns)$");

    private final MappingRules rules;
    /** A header is read once per file, not once per row. */
    private final BoundedMemo<String, String> headerUnits = new BoundedMemo<>(this::headerUnit);

    MetricReader(MappingRules rules) {
        this.rules = rules;
    }

    /**
     * Adds the metric read from {@code sourceName = quantity} to {@code metrics}, unless a metric of
     * that name is already there.
     *
     * @param snake {@code sourceName} in {@link SnakeCase}, which the caller has at hand
     */
    void read(String sourceName, String snake, Quantity quantity, Map<String, Metric> metrics, List<String> warnings) {
        Optional<MetricSource> source = rules.summaryMetric(snake);
        Optional<Unit> written = quantity.unit().flatMap(u -> rules.units().parse(u));
        if (source.isPresent()) {
            MetricSource rule = source.get();
            Optional<Unit> from = written.isPresent() ? written : rule.sourceUnit();
            if (from.isPresent() && from.get().convertibleTo(rule.canonicalUnit())) {
                BigDecimal value = Units.convert(quantity.value(), from.get(), rule.canonicalUnit());
                put(rule.canonicalName(), metric(value, rule.canonicalUnit().name(), sourceName), metrics, warnings);
                return;
            }
            warnings.add(from.isPresent()
                    ? sourceName + " is written in " + quantity.unit().orElse("") + ", which is not a unit of "
                    + rule.canonicalName() + "; kept under its own name"
                    : sourceName + " has no unit; kept under its own name");
        }
        String unit = written.map(Unit::name).orElse(quantity.unit().orElseGet(() -> headerUnits.get(sourceName)));
        put(snake, metric(quantity.value(), unit, sourceName), metrics, warnings);
    }

    /**
     * The unit a column header states in parentheses ({@code "VRAM (GB)"}), canonical when known;
     * else {@code ms}, {@code us} or {@code ns} when the name ends so ({@code std_time_ms}), the only
     * name suffixes that cannot mean anything else.
     */
    private String headerUnit(String sourceName) {
        Matcher m = HEADER_UNIT.matcher(sourceName);
        if (!m.find()) {
            Matcher suffix = TIME_SUFFIX.matcher(SnakeCase.of(sourceName));
            return suffix.find() ? suffix.group(1) : "";
        }
        String stated = m.group(1).strip();
        return rules.units().parse(stated).map(Unit::name).orElse(stated);
    }

    private static void put(String name, Metric metric, Map<String, Metric> metrics, List<String> warnings) {
        Metric existing = metrics.putIfAbsent(name, metric);
        if (existing != null && existing.getValue() != metric.getValue()) {
            warnings.add(existing.getSourceName() + " and " + metric.getSourceName() + " both give " + name
                    + "; kept " + existing.getSourceName());
        }
    }

    private static Metric metric(BigDecimal value, String unit, String sourceName) {
        return Metric.newBuilder().setValue(value.doubleValue()).setUnit(unit).setSourceName(sourceName).build();
    }
}
