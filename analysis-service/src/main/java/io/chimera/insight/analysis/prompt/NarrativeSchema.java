package io.chimera.insight.analysis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON schema the narrative must follow, sent as Ollama {@code format} / OpenAI
 * {@code response_format}: {@code summary} (string), {@code findings} (strings, at least one),
 * {@code recommendations} (exactly {@value #RECOMMENDATIONS} strings: throughput, TTFT, quality)
 * and {@code risks} (at least {@value #MIN_RISKS} {@code {risk, mitigation}} objects). It mirrors
 * the Avro {@code Narrative} record.
 */
public final class NarrativeSchema {

    public static final String RESOURCE = "/io/chimera/insight/analysis/narrative-schema.json";
    public static final int RECOMMENDATIONS = 3;
    public static final int MIN_RISKS = 2;

    private static final JsonNode SCHEMA = load();

    private NarrativeSchema() {
    }

    /** A fresh copy of the schema (callers may modify it). */
    public static JsonNode schema() {
        return SCHEMA.deepCopy();
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(ClasspathText.read(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("narrative schema resource is not valid JSON", e);
        }
    }
}
