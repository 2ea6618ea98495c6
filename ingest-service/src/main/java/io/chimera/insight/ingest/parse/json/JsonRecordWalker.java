package io.chimera.insight.ingest.parse.json;

import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.Quantity;
import io.chimera.insight.ingest.normalise.SnakeCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds run objects wherever they are nested in a JSON tree ({@code results[]},
 * {@code chimera.individual_runs[]}, the root itself).
 *
 * <p>An object is a record when one of its scalar fields is a known metric with a numeric value,
 * or when it is an array element reporting an error (a failed run may carry no figures at all).
 * It inherits from its ancestors: a string {@code model} (or a {@code model} object's
 * {@code name}), a timestamp, scalar configuration fields, and every entry of an
 * {@code options}/{@code configuration} object; nearer ancestors win.
 *
 * <p>A record is SUMMARY when the file is a summary file, when it sits (at any depth) under a
 * summary container ({@code aggregate_metrics}), or when one of its fields is an aggregate
 * ({@code mean_ttft_s}). Its locator is its JSON pointer ({@code /results/0}; {@code /} for the
 * root object).
 */
final class JsonRecordWalker {

    private final MappingRules rules;
    private final boolean summaryFile;

    JsonRecordWalker(MappingRules rules, boolean summaryFile) {
        this.rules = rules;
        this.summaryFile = summaryFile;
    }

    /**
     * Walks {@code root}, adding its records to {@code out}.
     *
     * @param locatorPrefix put before each pointer (an NDJSON line), or empty
     * @param rootIsElement whether the root is one element of a stream (an NDJSON line), so that it
     *                      may be a failed run without figures like any array element
     * @return how many records it found
     */
    int walk(JsonNode root, String locatorPrefix, boolean rootIsElement, Consumer<RawRecord> out) {
        int[] found = {0};
        visit(root, "", "", RecordContext.EMPTY, false, rootIsElement, locatorPrefix, record -> {
            found[0]++;
            out.accept(record);
        });
        return found[0];
    }

    /**
     * Walks element {@code index} of a root array, read on its own: exactly what {@link #walk} does
     * for that element of the whole array (located {@code /index}), so a root array can be streamed.
     *
     * @return how many records it found
     */
    int walkRootElement(JsonNode element, int index, Consumer<RawRecord> out) {
        int[] found = {0};
        visit(element, "/" + index, "", RecordContext.EMPTY, false, true, "", record -> {
            found[0]++;
            out.accept(record);
        });
        return found[0];
    }

    private void visit(JsonNode node, String pointer, String name, RecordContext inherited, boolean inSummary,
                       boolean arrayElement, String locatorPrefix, Consumer<RawRecord> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), pointer + "/" + i, name, inherited, inSummary, true, locatorPrefix, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        RecordContext context = contextOf(node, inherited);
        boolean summaryHere = inSummary || rules.isSummaryContainer(SnakeCase.of(name));
        if (isRecord(node, arrayElement)) {
            Map<String, String> fields = JsonValues.scalars(node);
            boolean aggregate = fields.keySet().stream().anyMatch(f -> rules.isAggregate(SnakeCase.of(f)));
            RecordKind kind = summaryFile || summaryHere || aggregate ? RecordKind.SUMMARY : RecordKind.RUN;
            out.accept(new RawRecord(locator(locatorPrefix, pointer), kind, fields, context));
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            if (child.getValue().isContainerNode() && !rules.isOptionsField(SnakeCase.of(child.getKey()))) {
                visit(child.getValue(), pointer + "/" + escape(child.getKey()), child.getKey(), context, summaryHere,
                        false, locatorPrefix, out);
            }
        }
    }

    private boolean isRecord(JsonNode object, boolean arrayElement) {
        boolean reportsError = false;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String snake = SnakeCase.of(field.getKey());
            Optional<String> value = JsonValues.scalarText(field.getValue());
            if (value.isEmpty()) {
                continue;
            }
            boolean metric = rules.metric(snake).isPresent() || rules.summaryMetric(snake).isPresent();
            if (metric && Quantity.parse(value.get()).isPresent()) {
                return true;
            }
            if (rules.isErrorField(snake) && !value.get().isBlank()) {
                reportsError = true;
            }
        }
        return arrayElement && reportsError;
    }

    /** The context an object passes on: the inherited one overlaid with what the object itself says. */
    private RecordContext contextOf(JsonNode object, RecordContext inherited) {
        RecordContext context = inherited;
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String snake = SnakeCase.of(field.getKey());
            JsonNode value = field.getValue();
            if (rules.isModelField(snake)) {
                Optional<String> model = value.isObject() ? JsonValues.scalarText(value.get("name"))
                        : JsonValues.scalarText(value);
                if (model.isPresent() && !model.get().isBlank()) {
                    context = context.withModel(model.get().strip());
                }
            } else if (rules.isTimestampField(snake)) {
                Optional<String> timestamp = JsonValues.scalarText(value);
                if (timestamp.isPresent()) {
                    context = context.withTimestamp(timestamp.get());
                }
            } else if (rules.isOptionsField(snake) && value.isObject()) {
                config.putAll(JsonValues.scalars(value));
            } else if (rules.configKey(snake).isPresent()) {
                JsonValues.scalarText(value).ifPresent(v -> config.put(field.getKey(), v));
            }
        }
        return context.withConfig(config);
    }

    private static String locator(String prefix, String pointer) {
        String path = pointer.isEmpty() ? "/" : pointer;
        return prefix.isEmpty() ? path : prefix + " " + path;
    }

    /** JSON pointer escaping (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
