package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The model listings a client probes before calling: {@code GET /api/tags} (Ollama) and
 * {@code GET /v1/models} (OpenAI), in their real shapes, so health checks and model discovery
 * code run unchanged against the simulator.
 */
final class ModelListings {

    /** The Ollama version the simulator claims; clients only display it. */
    static final String VERSION = "0.12.6";

    private static final Instant MODIFIED = Instant.parse("2025-01-01T00:00:00Z");

    private ModelListings() {
    }

    static ObjectNode tags(List<String> models) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("models");
        for (String model : models) {
            String family = model.substring(0, model.indexOf(':'));
            ObjectNode entry = list.addObject();
            entry.put("name", model);
            entry.put("model", model);
            entry.put("modified_at", MODIFIED.toString());
            entry.put("size", 3_338_801_804L);
            entry.put("digest", sha256(model));
            ObjectNode details = entry.putObject("details");
            details.put("parent_model", "");
            details.put("format", "gguf");
            details.put("family", family);
            details.putArray("families").add(family);
            details.put("parameter_size", "4.3B");
            details.put("quantization_level", "Q4_K_M");
        }
        return root;
    }

    static ObjectNode openAiModels(List<String> models) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String model : models) {
            data.addObject()
                    .put("id", model)
                    .put("object", "model")
                    .put("created", MODIFIED.getEpochSecond())
                    .put("owned_by", "library");
        }
        return root;
    }

    static ObjectNode version() {
        return Json.object().put("version", VERSION);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
