package io.chimera.insight.report.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The facts of a report for machines ({@code latest.json}): the same aggregate as the Markdown,
 * at full precision, with no narrative text. Each section that carries facts writes its own fields
 * ({@link ReportSection#json}), in the order of {@link ReportSections}; maps inside are written in
 * key order, so the file is deterministic.
 *
 * <p>Fields are only ever added (consumers read {@code model}, {@code runs}, {@code failedRuns},
 * {@code metrics.<name>.{count,mean,stddev,min,max,p50,p90,p95,p99,unit}} and {@code configs[]}).
 */
public final class ReportJsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<ReportSection> sections;

    public ReportJsonRenderer() {
        this(ReportSections.ALL);
    }

    ReportJsonRenderer(List<ReportSection> sections) {
        this.sections = List.copyOf(sections);
    }

    public String render(ReportInput input) {
        ObjectNode root = JSON.createObjectNode();
        for (ReportSection section : sections) {
            ObjectNode fields = JSON.createObjectNode();
            section.json(fields, input);
            for (Map.Entry<String, JsonNode> field : fields.properties()) {
                if (root.has(field.getKey())) {
                    throw new IllegalStateException(section.getClass().getSimpleName() + " writes the JSON field "
                            + field.getKey() + " another section already wrote");
                }
                root.set(field.getKey(), field.getValue());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report JSON for " + input.metrics().getModel(), e);
        }
    }
}
