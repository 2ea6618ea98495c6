package io.chimera.insight.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;

/**
 * The JSON keys and values the registry writes to its compacted topic. They follow Confluent's
 * {@code _schemas} layout ({@code keytype} SCHEMA or CONFIG; one key per subject version or per
 * config scope), so compaction keeps exactly the latest record of each and the topic is readable
 * with familiar tools.
 */
final class SchemaLogRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLogRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLogRecords() {
    }

    static String schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        return write(key);
    }

    static String schemaValue(SubjectVersion version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema())
                .put("deleted", false);
        return write(value);
    }

    static String configKey(String subject) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        return write(key);
    }

    static String configValue(CompatibilityLevel level) {
        return write(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /** Applies one record read back from the topic; unknown or deleted entries are skipped. */
    static void apply(String key, String value, SchemaStore store) {
        if (key == null || value == null) {
            return;
        }
        try {
            JsonNode keyNode = JSON.readTree(key);
            JsonNode valueNode = JSON.readTree(value);
            switch (keyNode.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (!valueNode.path("deleted").asBoolean(false)) {
                        store.putSchema(valueNode.path("subject").asText(), valueNode.path("version").asInt(),
                                valueNode.path("id").asInt(), valueNode.path("schema").asText());
                    }
                }
                case "CONFIG" -> {
                    JsonNode subject = keyNode.path("subject");
                    store.putLevel(subject.isTextual() ? subject.asText() : null,
                            CompatibilityLevel.parse(valueNode.path("compatibilityLevel").asText()));
                }
                default -> LOG.debug("skipping schema log record with key {}", key);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("skipping unreadable schema log record {}: {}", key, e.toString());
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
