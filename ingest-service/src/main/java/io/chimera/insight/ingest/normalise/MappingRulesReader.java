package io.chimera.insight.ingest.normalise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one or more rules documents in order and merges them: maps merge, lists append, and a
 * source name mapped again (by a later, user file) moves to its new metric. Names are stored in
 * snake_case so a user may write a header as it appears ({@code "TTFT (s)"}).
 */
final class MappingRulesReader {

    private static final String FROM_VALUE = "from-value";

    private final YAMLMapper yaml = new YAMLMapper();
    private final Map<String, UnitDraft> units = new LinkedHashMap<>();
    private final Map<String, String> metricUnits = new LinkedHashMap<>();
    private final Map<String, SourceDraft> sources = new LinkedHashMap<>();
    private final Map<String, String> configKeys = new LinkedHashMap<>();
    private final Map<String, Set<String>> fields = new HashMap<>();
    private final Map<String, List<String>> summaryLists = new HashMap<>();
    private final List<String> modelFamilies = new ArrayList<>();

    private record UnitDraft(String dimension, BigDecimal scale, List<String> aliases) {
    }

    private record SourceDraft(String metric, String unitSpelling, String origin) {
    }

    void read(InputStream in, String origin) throws IOException {
        JsonNode root = yaml.readTree(in);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(origin + ": mapping rules must be a YAML mapping");
        }
        readUnits(root.path("units"), origin);
        readMetrics(root.path("metrics"), origin);
        readConfig(root.path("config"), origin);
        root.path("fields").properties().forEach(e ->
                fields.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(snakeList(e.getValue(), origin)));
        root.path("summary").properties().forEach(e ->
                summaryLists.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(textList(e.getValue(), origin)));
        modelFamilies.addAll(textList(root.path("model_families"), origin));
    }

    private void readUnits(JsonNode node, String origin) {
        node.properties().forEach(e -> {
            JsonNode unit = e.getValue();
            UnitDraft previous = units.get(e.getKey());
            String dimension = unit.hasNonNull("dimension") ? unit.get("dimension").asText()
                    : previous != null ? previous.dimension() : null;
            if (dimension == null) {
                throw new IllegalArgumentException(origin + ": unit " + e.getKey() + " has no dimension");
            }
            BigDecimal scale;
            try {
                scale = unit.hasNonNull("scale") ? new BigDecimal(unit.get("scale").asText())
                        : previous != null ? previous.scale() : BigDecimal.ONE;
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(origin + ": unit " + e.getKey() + " has a non-numeric scale", ex);
            }
            List<String> aliases = new ArrayList<>(previous == null ? List.of() : previous.aliases());
            aliases.addAll(textList(unit.path("aliases"), origin));
            units.put(e.getKey(), new UnitDraft(dimension, scale, aliases));
        });
    }

    private void readMetrics(JsonNode node, String origin) {
        node.properties().forEach(e -> {
            String metric = SnakeCase.of(e.getKey());
            JsonNode body = e.getValue();
            if (body.hasNonNull("unit")) {
                metricUnits.put(metric, body.get("unit").asText());
            } else if (!metricUnits.containsKey(metric)) {
                throw new IllegalArgumentException(origin + ": metric " + metric + " has no unit");
            }
            body.path("sources").properties().forEach(s ->
                    sources.put(SnakeCase.of(s.getKey()), new SourceDraft(metric, s.getValue().asText(), origin)));
        });
    }

    private void readConfig(JsonNode node, String origin) {
        node.properties().forEach(e -> {
            String key = SnakeCase.of(e.getKey());
            configKeys.put(key, key);
            for (String alias : snakeList(e.getValue(), origin)) {
                configKeys.put(alias, key);
            }
        });
    }

    MappingRules build() {
        List<Unit> unitList = new ArrayList<>();
        units.forEach((name, d) -> unitList.add(new Unit(name, d.dimension(), d.scale(), d.aliases())));
        Units known = new Units(unitList);
        Map<String, MetricSource> metricSources = new LinkedHashMap<>();
        sources.forEach((sourceName, draft) ->
                metricSources.put(sourceName, resolve(known, sourceName, draft)));
        for (String metric : metricUnits.keySet()) {
            // The canonical name always feeds itself, so already-normalised files need no entry.
            metricSources.putIfAbsent(metric, new MetricSource(metric, metric, unitOf(known, metric, "rules"),
                    Optional.of(unitOf(known, metric, "rules"))));
        }
        SummaryMarkers markers = new SummaryMarkers(list("mean_prefixes"), list("mean_suffixes"),
                list("aggregate_prefixes"), list("aggregate_suffixes"), Set.copyOf(snake(list("containers"))),
                list("file_globs"), Set.copyOf(list("heading_words")));
        return new MappingRules(known, metricSources, configKeys, field("model"), field("error"), field("success"),
                field("timestamp"), field("options"), field("ignore"), markers, modelFamilies);
    }

    private MetricSource resolve(Units known, String sourceName, SourceDraft draft) {
        Unit canonical = unitOf(known, draft.metric(), draft.origin());
        if (FROM_VALUE.equals(draft.unitSpelling())) {
            return new MetricSource(sourceName, draft.metric(), canonical, Optional.empty());
        }
        Unit source = known.parse(draft.unitSpelling()).orElseThrow(() -> new IllegalArgumentException(
                draft.origin() + ": source " + sourceName + " of " + draft.metric() + " has unknown unit '"
                        + draft.unitSpelling() + "'"));
        if (!source.convertibleTo(canonical)) {
            throw new IllegalArgumentException(draft.origin() + ": source " + sourceName + " is in " + source.name()
                    + ", which cannot convert to " + draft.metric() + "'s " + canonical.name());
        }
        return new MetricSource(sourceName, draft.metric(), canonical, Optional.of(source));
    }

    private Unit unitOf(Units known, String metric, String origin) {
        String spelling = metricUnits.get(metric);
        if (spelling == null) {
            throw new IllegalArgumentException(origin + ": metric " + metric + " is not defined");
        }
        return known.parse(spelling).orElseThrow(() -> new IllegalArgumentException(
                origin + ": metric " + metric + " has unknown unit '" + spelling + "'"));
    }

    private Set<String> field(String name) {
        return fields.getOrDefault(name, Set.of());
    }

    private List<String> list(String name) {
        return summaryLists.getOrDefault(name, List.of());
    }

    private static List<String> snake(List<String> names) {
        return names.stream().map(SnakeCase::of).toList();
    }

    private static List<String> snakeList(JsonNode node, String origin) {
        return snake(textList(node, origin));
    }

    private static List<String> textList(JsonNode node, String origin) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(origin + ": expected a list but found " + node);
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }
}
