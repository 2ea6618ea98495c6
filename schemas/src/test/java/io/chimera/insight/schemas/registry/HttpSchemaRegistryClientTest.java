package io.chimera.insight.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.DeadLetter;
import java.io.IOException;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the REST conversation, against a real HTTP server scripted with the
 * answers Confluent's registry gives. (The embedded registry in local-stack is exercised against
 * this client too.)
 */
class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MockWebServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new HttpSchemaRegistryClient(server.url("/").toString());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status)
                .setHeader("Content-Type", "application/vnd.schemaregistry.v1+json").setBody(body);
    }

    @Test
    void registersUnderTheSubjectAndCachesTheId() throws Exception {
        server.enqueue(json(200, "{\"id\":7}"));

        assertThat(client.register("chimera.dead-letters-value", DeadLetter.getClassSchema())).isEqualTo(7);
        assertThat(client.register("chimera.dead-letters-value", DeadLetter.getClassSchema())).isEqualTo(7);

        assertThat(server.getRequestCount()).isEqualTo(1);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/subjects/chimera.dead-letters-value/versions");
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(body.path("schema").asText()).isEqualTo(DeadLetter.getClassSchema().toString());
        assertThat(client.getById(7)).isEqualTo(DeadLetter.getClassSchema()); // cached from the registration
    }

    @Test
    void fetchesASchemaByIdOnce() throws Exception {
        String schema = JSON.writeValueAsString(DeadLetter.getClassSchema().toString());
        server.enqueue(json(200, "{\"schema\":" + schema + "}"));

        assertThat(client.getById(3)).isEqualTo(DeadLetter.getClassSchema());
        assertThat(client.getById(3)).isEqualTo(DeadLetter.getClassSchema());
        assertThat(server.takeRequest().getPath()).isEqualTo("/schemas/ids/3");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void readsTheLatestVersionAndSubjects() throws Exception {
        String schema = JSON.writeValueAsString(DeadLetter.getClassSchema().toString());
        server.enqueue(json(200, "{\"subject\":\"s\",\"version\":2,\"id\":9,\"schema\":" + schema + "}"));
        server.enqueue(json(200, "[\"a-value\",\"b-value\"]"));

        assertThat(client.latest("s")).isEqualTo(new RegisteredSchema("s", 2, 9, DeadLetter.getClassSchema()));
        assertThat(client.subjects()).containsExactly("a-value", "b-value");
        assertThat(server.takeRequest().getPath()).isEqualTo("/subjects/s/versions/latest");
    }

    @Test
    void asksForCompatibilityAgainstTheLatestVersion() throws Exception {
        server.enqueue(json(200, "{\"is_compatible\":false}"));
        server.enqueue(json(404, "{\"error_code\":40401,\"message\":\"Subject 'new' not found.\"}"));

        assertThat(client.isCompatible("s", DeadLetter.getClassSchema())).isFalse();
        assertThat(client.isCompatible("new", DeadLetter.getClassSchema())).isTrue();
        assertThat(server.takeRequest().getPath()).isEqualTo("/compatibility/subjects/s/versions/latest");
    }

    @Test
    void anIncompatibleSchemaFailsNamingSubjectUrlAndStatus() {
        server.enqueue(json(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));

        assertThatThrownBy(() -> client.register("chimera.reports-value", DeadLetter.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("chimera.reports-value")
                .hasMessageContaining(server.url("/subjects/chimera.reports-value/versions").toString())
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("incompatible")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
    }

    @Test
    void anUnreachableRegistryFailsNamingTheUrl() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        HttpSchemaRegistryClient nowhere = new HttpSchemaRegistryClient("http://127.0.0.1:" + freePort);

        assertThatThrownBy(() -> nowhere.getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("127.0.0.1:" + freePort)
                .hasMessageContaining("unreachable");
    }

    @Test
    void sendsBasicAuthWhenGivenAUser() throws Exception {
        HttpSchemaRegistryClient withAuth = new HttpSchemaRegistryClient(server.url("/").toString(), "ops", "s3cret");
        server.enqueue(json(200, "[]"));

        withAuth.subjects();

        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Basic b3BzOnMzY3JldA==");
    }
}
