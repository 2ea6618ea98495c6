package io.chimera.insight.localstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps the Confluent Schema Registry REST API onto {@link RegistryService}: paths, bodies, status
 * codes and {@code {"error_code","message"}} errors as Confluent answers them, so the project's
 * registry client (and any Confluent-compatible tool) works against it unchanged.
 *
 * <p>Before routing, it refuses what a registry on a developer's machine must not take: a request
 * without the credential {@link RegistryAccess} asks for (401 with {@code WWW-Authenticate} when it
 * guards everything; 403 on a write when it guards writes), and a request other than GET or HEAD
 * whose body is not declared JSON (415). The latter is what stops a web page in the developer's
 * browser: its cross-site "simple" requests can only carry {@code text/plain}, form or no content
 * type, and anything else needs a CORS preflight this server never grants. Confluent's clients send
 * {@code application/vnd.schemaregistry.v1+json}, ours the same with a charset, Python's
 * {@code application/json}.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> JSON_TYPES = Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json",
            "application/json");
    private static final String CHALLENGE = "Basic realm=\"chimera-registry\"";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryService service;
    private final RegistryAccess access;

    RegistryHttpHandler(RegistryService service, RegistryAccess access) {
        this.service = service;
        this.access = access;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean admitted = access.admits(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!admitted && access.guarded() == RegistryAccess.Guarded.EVERYTHING) {
                throw RegistryError.unauthorized();
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                requireJson(exchange.getRequestHeaders().getFirst("Content-Type"));
            }
            JsonNode body = readBody(exchange);
            Object answer = route(method, segments(exchange), body, admitted);
            respond(exchange, 200, answer);
        } catch (RegistryError e) {
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
            }
            respond(exchange, e.status(), error(e.errorCode(), e.getMessage()));
        } catch (JsonProcessingException e) {
            respond(exchange, 400, error(400, "Unrecognized request body: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            LOG.error("schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respond(exchange, 500, error(50001, "Error in the backend data store: " + e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    /** {@code admitted}: whether the caller may write. */
    private Object route(String method, List<String> path, JsonNode body, boolean admitted) {
        String root = path.isEmpty() ? "" : path.get(0);
        return switch (root) {
            case "" -> requireMethod(method, "GET", JSON.createObjectNode());
            case "subjects" -> subjects(method, path, body, admitted);
            case "schemas" -> schemas(method, path);
            case "compatibility" -> compatibility(method, path, body);
            case "config" -> config(method, path, body, admitted);
            default -> throw notFound();
        };
    }

    private Object subjects(String method, List<String> path, JsonNode body, boolean admitted) {
        if (path.size() == 1) {
            requireMethod(method, "GET", null);
            return stringArray(service.subjects());
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            requireMethod(method, "POST", null);
            return versionNode(service.lookup(subject, schemaText(body)));
        }
        if (!path.get(2).equals("versions") || path.size() > 5) {
            throw notFound();
        }
        if (path.size() == 3) {
            if (method.equals("POST")) {
                rejectNonAvro(body);
                return JSON.createObjectNode().put("id", service.register(subject, schemaText(body), admitted));
            }
            requireMethod(method, "GET", null);
            ArrayNode versions = JSON.createArrayNode();
            service.versions(subject).forEach(versions::add);
            return versions;
        }
        requireMethod(method, "GET", null);
        SubjectVersion version = service.version(subject, path.get(3));
        if (path.size() == 5) {
            if (!path.get(4).equals("schema")) {
                throw notFound();
            }
            return readTree(version.schema());
        }
        return versionNode(version);
    }

    private Object schemas(String method, List<String> path) {
        if (path.size() < 3 || path.size() > 4 || !path.get(1).equals("ids")) {
            throw notFound();
        }
        requireMethod(method, "GET", null);
        int id;
        try {
            id = Integer.parseInt(path.get(2));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("Schema " + path.get(2));
        }
        String schema = service.schemaById(id);
        if (path.size() == 4) {
            if (!path.get(3).equals("schema")) {
                throw notFound();
            }
            return readTree(schema);
        }
        return JSON.createObjectNode().put("schema", schema);
    }

    private Object compatibility(String method, List<String> path, JsonNode body) {
        if (path.size() < 4 || path.size() > 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
            throw notFound();
        }
        requireMethod(method, "POST", null);
        String version = path.size() == 5 ? path.get(4) : null;
        return JSON.createObjectNode().put("is_compatible", service.isCompatible(path.get(2), version, schemaText(body)));
    }

    private Object config(String method, List<String> path, JsonNode body, boolean admitted) {
        if (path.size() > 2) {
            throw notFound();
        }
        String subject = path.size() == 2 ? path.get(1) : null;
        if (method.equals("PUT")) {
            if (!admitted) {
                throw RegistryError.writesReserved();
            }
            JsonNode level = body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
            CompatibilityLevel parsed = CompatibilityLevel.parse(level == null ? null : level.asText());
            service.setLevel(subject, parsed);
            return JSON.createObjectNode().put("compatibility", parsed.name());
        }
        requireMethod(method, "GET", null);
        return JSON.createObjectNode().put("compatibilityLevel", service.level(subject).name());
    }

    private static ObjectNode versionNode(SubjectVersion version) {
        return JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private static String schemaText(JsonNode body) {
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryError.invalidSchema("the request has no \"schema\" string");
        }
        return schema.asText();
    }

    private static void rejectNonAvro(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryError.invalidSchema("schema type " + type + " is not supported, only AVRO");
        }
        if (body.path("references").size() > 0) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
    }

    /** Accepts the JSON media types Confluent's registry does, with any parameters ({@code charset}). */
    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(mediaType)) {
            throw RegistryError.unsupportedMediaType(contentType);
        }
    }

    private static Object requireMethod(String method, String allowed, Object answer) {
        if (!method.equals(allowed)) {
            throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
        }
        return answer;
    }

    private static RegistryError notFound() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static ArrayNode stringArray(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON", e);
        }
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static List<String> segments(HttpExchange exchange) {
        List<String> segments = new ArrayList<>();
        for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
