package io.chimera.insight.analysis.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the LLM's answer into a {@link Narrative}.
 *
 * <p>Tolerated, because models do it even when asked not to: a Markdown code fence around the JSON
 * ({@code ```json … ```}), prose before or after the object, list items that are numbers rather than
 * strings, a risk written as a plain string (it becomes a risk without mitigation), and missing
 * list fields (empty). Not tolerated: no JSON object at all, a blank or missing {@code summary}, or
 * a field of the wrong shape; those raise {@link NarrativeParseException} with an excerpt. Counts
 * ({@code recommendations} = 3, {@code risks} ≥ 2) are asked for by the schema but not enforced
 * here: a narrative that misses them is still worth reporting.
 */
public final class NarrativeParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```[\\w-]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final int EXCERPT_CHARS = 200;

    private NarrativeParser() {
    }

    /**
     * The narrative in {@code content}.
     *
     * @throws NarrativeParseException when the answer is not a narrative
     */
    public static Narrative parse(String content) {
        if (content == null || content.isBlank()) {
            throw new NarrativeParseException("the LLM answer is empty", null);
        }
        JsonNode root = readObject(content);
        String summary = root.path("summary").isValueNode() ? root.path("summary").asText("").strip() : "";
        if (summary.isEmpty()) {
            throw new NarrativeParseException("the LLM answer has no \"summary\": " + excerpt(content), null);
        }
        return Narrative.newBuilder()
                .setSummary(summary)
                .setFindings(strings(root, "findings", content))
                .setRecommendations(strings(root, "recommendations", content))
                .setRisks(risks(root, content))
                .build();
    }

    private static JsonNode readObject(String content) {
        String candidate = unfenced(content.strip());
        int open = candidate.indexOf('{');
        int close = candidate.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new NarrativeParseException("the LLM answer is not JSON: " + excerpt(content), null);
        }
        try {
            JsonNode node = MAPPER.readTree(candidate.substring(open, close + 1));
            if (node == null || !node.isObject()) {
                throw new NarrativeParseException("the LLM answer is not a JSON object: " + excerpt(content), null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new NarrativeParseException("the LLM answer is not valid JSON (" + e.getOriginalMessage() + "): "
                    + excerpt(content), e);
        }
    }

    private static String unfenced(String content) {
        Matcher fence = FENCE.matcher(content);
        return fence.find() ? fence.group(1).strip() : content;
    }

    private static List<String> strings(JsonNode root, String field, String content) {
        JsonNode array = root.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new NarrativeParseException("\"" + field + "\" is not a list: " + excerpt(content), null);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                throw new NarrativeParseException("\"" + field + "\" holds a non-text item: " + excerpt(content), null);
            }
            String text = item.asText().strip();
            if (!text.isEmpty()) {
                items.add(text);
            }
        }
        return items;
    }

    private static List<Risk> risks(JsonNode root, String content) {
        JsonNode array = root.path("risks");
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new NarrativeParseException("\"risks\" is not a list: " + excerpt(content), null);
        }
        List<Risk> risks = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                risks.add(new Risk(item.asText().strip(), ""));
            } else if (item.isObject()) {
                risks.add(new Risk(item.path("risk").asText("").strip(), item.path("mitigation").asText("").strip()));
            } else {
                throw new NarrativeParseException("\"risks\" holds an item that is neither text nor"
                        + " {risk, mitigation}: " + excerpt(content), null);
            }
        }
        return risks;
    }

    private static String excerpt(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "…";
    }
}
