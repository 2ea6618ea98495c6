package io.chimera.insight.ingest.parse.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Jackson set up for rig output, and the raw text of JSON values. */
public final class JsonValues {

    /**
     * Floats are read as exact decimals (the digits in the file, not the nearest double), so unit
     * conversion works on what the rig wrote. NaN and Infinity, which Python's json module writes,
     * are accepted and later treated as "no value".
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonValues() {
    }

    /** The raw text of a scalar; empty for null, NaN, Infinity, objects and arrays. */
    static Optional<String> scalarText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return Optional.empty();
            }
            return Optional.of(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().toPlainString());
        }
        return Optional.of(node.asText());
    }

    /** The scalar entries of an object, in order (nested objects and arrays are left out). */
    public static Map<String, String> scalars(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> scalarText(e.getValue()).ifPresent(v -> values.put(e.getKey(), v)));
        return values;
    }
}
