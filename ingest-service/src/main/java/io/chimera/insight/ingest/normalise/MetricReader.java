package io.chimera.insight.ingest.normalise;

import io.chimera.insight.events.Metric;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one numeric field into a metric: a known source is converted to its canonical name and
 * unit; anything else is kept under its own snake_case name with the unit written after the value,
 * else the unit its header states in parentheses ({@code "VRAM (GB)"}), else none. Conversion works on the exact decimal, so {@code ttft_s 1.1485114} is
 * {@code ttft_ms 1148.5114}, not {@code 1148.5114000000001}.
 */
final class MetricReader {

    private final MappingRules rules;

    MetricReader(MappingRules rules) {
        this.rules = rules;
    }

    /**
     * Adds the metric read from {@code sourceName = quantity} to {@code metrics}, unless a metric of
     * that name is already there.
     *
     * @param role what the rules make of {@code sourceName} ({@link FieldRole.Kind#MEASURE})
     */
    void read(String sourceName, FieldRole role, Quantity quantity, Map<String, Metric> metrics,
              List<String> warnings) {
        Optional<Unit> written = quantity.unit().flatMap(u -> rules.units().parse(u));
        if (role.metric().isPresent()) {
            MetricSource rule = role.metric().get();
            Optional<Unit> from = written.isPresent() ? written : rule.sourceUnit();
            if (from.isPresent() && from.get().convertibleTo(rule.canonicalUnit())) {
                double value = Units.toDouble(quantity, from.get(), rule.canonicalUnit());
                put(rule.canonicalName(), metric(value, rule.canonicalUnit().name(), sourceName), metrics, warnings);
                return;
            }
            warnings.add(from.isPresent()
                    ? sourceName + " is written in " + quantity.unit().orElse("") + ", which is not a unit of "
                    + rule.canonicalName() + "; kept under its own name"
                    : sourceName + " has no unit; kept under its own name");
        }
        String unit = written.map(Unit::name).orElse(quantity.unit().orElse(role.headerUnit()));
        put(role.snake(), metric(quantity.toDouble(), unit, sourceName), metrics, warnings);
    }

    private static void put(String name, Metric metric, Map<String, Metric> metrics, List<String> warnings) {
        Metric existing = metrics.putIfAbsent(name, metric);
        if (existing != null && existing.getValue() != metric.getValue()) {
            warnings.add(existing.getSourceName() + " and " + metric.getSourceName() + " both give " + name
                    + "; kept " + existing.getSourceName());
        }
    }

    private static Metric metric(double value, String unit, String sourceName) {
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName(sourceName).build();
    }
}
