package io.chimera.insight.ingest.parse.markdown;

import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordContext;

import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.MetricSource;
import io.chimera.insight.ingest.normalise.Quantity;
import io.chimera.insight.ingest.normalise.SnakeCase;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects {@code Key: value unit} lines ({@code - Throughput: 41.89 tok/s}) of one section into a
 * SUMMARY record, located at the line of its first figure.
 *
 * <p>Only keys that are known metrics count, and only when the value is a bare number with an
 * optional unit: prose such as "0.165 seconds (excluding cold start)" or "99.16 ± 0.25 tok/s" is not
 * a figure this reader can vouch for. Such figures are never runs: in a report they state what a
 * person or script derived (a mean, the best configuration), often from runs published from the
 * CSV or JSON next to the report. A figure whose metric the record already has starts a new record.
 */
final class MarkdownFigures {

    private final MappingRules rules;
    private final List<RawRecord> out;
    private Map<String, String> fields = new LinkedHashMap<>();
    private Set<String> metrics = new HashSet<>();
    private String locator;
    private RecordContext context;

    MarkdownFigures(MappingRules rules, List<RawRecord> out) {
        this.rules = rules;
        this.out = out;
    }

    /** Offers a {@code key: value} line; returns whether it was taken as a figure. */
    boolean offer(String key, String value, int line, RecordContext current) {
        String snake = SnakeCase.of(key);
        Optional<MetricSource> metric = rules.summaryMetric(snake);
        String cleaned = MarkdownText.value(value);
        if (metric.isEmpty() || Quantity.parse(cleaned).isEmpty()) {
            return false;
        }
        if (metrics.contains(metric.get().canonicalName())) {
            flush();
        }
        if (fields.isEmpty()) {
            locator = "line " + line;
            context = current;
        }
        fields.put(key, cleaned);
        metrics.add(metric.get().canonicalName());
        return true;
    }

    /** Ends the current record (a heading, a table or the end of the document). */
    void flush() {
        if (!fields.isEmpty()) {
            out.add(new RawRecord(locator, RecordKind.SUMMARY, fields, context));
        }
        fields = new LinkedHashMap<>();
        metrics = new HashSet<>();
    }
}
