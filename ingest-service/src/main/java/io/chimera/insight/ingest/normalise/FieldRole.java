package io.chimera.insight.ingest.normalise;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules make of a field by its name alone: the model, the error, a setting, a possible
 * metric, and so on. A file repeats its few names on every row, so the normaliser decides each
 * name once ({@link RunNormaliser}) instead of asking the rules five or six questions per cell.
 *
 * @param kind          what the field is
 * @param snake         the name in {@link SnakeCase}
 * @param configKey     the canonical configuration key; for {@link Kind#CONFIG} only, else null
 * @param metric        the canonical metric a {@link Kind#MEASURE} field (or the mean it names)
 *                      feeds; empty when it is kept under its own name
 * @param headerUnit    the unit the name states ({@code "VRAM (GB)"}, {@code std_time_ms}); empty
 *                      when none. Used for a value kept under its own name that writes no unit.
 */
record FieldRole(Kind kind, String snake, String configKey, Optional<MetricSource> metric, String headerUnit) {

    /** The kinds of field, in the order the rules are asked (the first that applies wins). */
    enum Kind { MODEL, ERROR, SUCCESS, TIMESTAMP, CONFIG, NOT_A_METRIC, MEASURE }

    private static final Pattern HEADER_UNIT = Pattern.compile("\\(([^()]{1,20})\\)\\s*$");
    private static final Pattern TIME_SUFFIX = Pattern.compile("_(ms|us|ns)$");

    /** The role of the field named {@code sourceName} (as written in the file) under {@code rules}. */
    static FieldRole decide(String sourceName, MappingRules rules) {
        String snake = SnakeCase.of(sourceName);
        if (rules.isModelField(snake)) {
            return simple(Kind.MODEL, snake);
        }
        if (rules.isErrorField(snake)) {
            return simple(Kind.ERROR, snake);
        }
        if (rules.isSuccessField(snake)) {
            return simple(Kind.SUCCESS, snake);
        }
        if (rules.isTimestampField(snake)) {
            return simple(Kind.TIMESTAMP, snake);
        }
        Optional<String> configKey = rules.configKey(snake);
        if (configKey.isPresent()) {
            return new FieldRole(Kind.CONFIG, snake, configKey.get(), Optional.empty(), "");
        }
        if (rules.isIgnored(snake) || rules.isOptionsField(snake)) {
            return simple(Kind.NOT_A_METRIC, snake);
        }
        return new FieldRole(Kind.MEASURE, snake, null, rules.summaryMetric(snake),
                headerUnit(sourceName, snake, rules));
    }

    /** The key a setting of this name is stored under: its canonical key, else its snake_case name. */
    String configKeyOrName() {
        return configKey != null ? configKey : snake;
    }

    private static FieldRole simple(Kind kind, String snake) {
        return new FieldRole(kind, snake, null, Optional.empty(), "");
    }

    /**
     * The unit a column header states in parentheses ({@code "VRAM (GB)"}), canonical when known;
     * else {@code ms}, {@code us} or {@code ns} when the name ends so ({@code std_time_ms}), the only
     * name suffixes that cannot mean anything else.
     */
    private static String headerUnit(String sourceName, String snake, MappingRules rules) {
        Matcher m = HEADER_UNIT.matcher(sourceName);
        if (!m.find()) {
            Matcher suffix = TIME_SUFFIX.matcher(snake);
            return suffix.find() ? suffix.group(1) : "";
        }
        String stated = m.group(1).strip();
        return rules.units().parse(stated).map(Unit::name).orElse(stated);
    }
}
