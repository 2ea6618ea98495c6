package io.chimera.insight.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API on OkHttp.
 *
 * <p>Confluent's own client is not on Maven Central, so we speak the REST API ourselves. Only the
 * calls every compatible server implements (Confluent, Apicurio's ccompat API, Karapace, Redpanda)
 * are used. Ids and registrations are cached: a serde asks for them once per schema, not per
 * record.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {

    private static final MediaType REGISTRY_JSON = MediaType.get("application/vnd.schemaregistry.v1+json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    /** A client without authentication. */
    public HttpSchemaRegistryClient(String url) {
        this(url, null, null);
    }

    /** A client using HTTP basic authentication when {@code user} is not null. */
    public HttpSchemaRegistryClient(String url, String user, String password) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL for the schema registry: " + url);
        }
        this.baseUrl = parsed;
        // UTF-8, as Confluent's clients encode basic.auth.user.info (OkHttp's default is ISO-8859-1)
        this.authorization = user == null ? null
                : Credentials.basic(user, password == null ? "" : password, StandardCharsets.UTF_8);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** The registry's base URL. */
    public String url() {
        return baseUrl.toString();
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\n' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call(subject, post(url("subjects", subject, "versions"), schemaBody(schema)));
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("schema id " + id, get(url("schemas", "ids", Integer.toString(id))));
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = call(subject, get(url("subjects", subject, "versions", "latest")));
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call(subject,
                    post(url("compatibility", "subjects", subject, "versions", "latest"), schemaBody(schema)));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return true; // nothing registered yet: anything is compatible
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = call(null, get(url("subjects")));
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder builder = baseUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private Request get(HttpUrl url) {
        return authorize(new Request.Builder().url(url).get()).build();
    }

    private Request post(HttpUrl url, String body) {
        return authorize(new Request.Builder().url(url).post(RequestBody.create(body, REGISTRY_JSON))).build();
    }

    private Request.Builder authorize(Request.Builder builder) {
        builder.header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode call(String subject, Request request) {
        String url = request.url().toString();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                int errorCode = 0;
                String message = text;
                try {
                    JsonNode error = JSON.readTree(text);
                    errorCode = error.path("error_code").asInt(0);
                    message = error.path("message").asText(text);
                } catch (IOException notJson) {
                    // keep the raw text as the message: some proxies answer in HTML
                }
                throw new SchemaRegistryException(subject, url, response.code(), errorCode, message, null);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new SchemaRegistryException(subject, url, 0, 0, "unreachable: " + e.getMessage(), e);
        }
    }

}
