package io.chimera.insight.localstack.registry;

import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.localstack.registry.RegistryHttp.Answer;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the registry refuses: bodies not declared JSON (a browser's cross-site simple requests),
 * writes by anyone but its owner (the embedded registry's default), and any request without the
 * basic-auth credential when it guards everything. Three registries share one broker, each with
 * its own subjects.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RegistryAccessIT {

    private static final String V1 = """
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"},
             {"name":"backend","type":"string","default":"ollama"}]}""";

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry owned;
    private static EmbeddedSchemaRegistry open;
    private static EmbeddedSchemaRegistry guarded;

    @BeforeAll
    static void startStack() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        owned = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
        open = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, RegistryAccess.open());
        guarded = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, RegistryAccess.basicAuth("ops:s3cret"));
    }

    @AfterAll
    static void stopStack() {
        for (AutoCloseable closeable : new AutoCloseable[] {owned, open, guarded, broker}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the next one still closes
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/octet-stream"})
    void aBodyNotDeclaredJsonIsRefusedWith415(String contentType) throws Exception {
        RegistryHttp http = new RegistryHttp(open.url());

        Answer register = http.send("POST", "/subjects/plain-value/versions", contentType, RegistryHttp.schemaBody(V1));
        Answer config = http.send("PUT", "/config", contentType, "{\"compatibility\":\"NONE\"}");

        assertThat(register.status()).isEqualTo(415);
        assertThat(register.errorCode()).isEqualTo(415);
        assertThat(register.body().path("message").asText()).contains("Unsupported Media Type");
        assertThat(config.status()).isEqualTo(415);
        assertThat(http.get("/subjects/plain-value/versions").status()).isEqualTo(404);
        assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void aBodyWithoutContentTypeIsRefusedWith415() throws Exception {
        Answer register = new RegistryHttp(open.url())
                .send("POST", "/subjects/untyped-value/versions", null, RegistryHttp.schemaBody(V1));

        assertThat(register.status()).isEqualTo(415);
        assertThat(register.errorCode()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
        "application/json", "application/json; charset=utf-8", "Application/JSON"})
    void theJsonTypesConfluentClientsSendAreAccepted(String contentType) throws Exception {
        String subject = "typed-" + Integer.toHexString(contentType.hashCode()) + "-value";

        Answer register = new RegistryHttp(open.url())
                .send("POST", "/subjects/" + subject + "/versions", contentType, RegistryHttp.schemaBody(V1));

        assertThat(register.status()).isEqualTo(200);
        assertThat(register.body().has("id")).isTrue();
    }

    @Test
    void byDefaultOnlyTheOwnersClientWritesWhileEveryoneReads() throws Exception {
        RegistryHttp stranger = new RegistryHttp(owned.url());

        int id = owned.client().register("owned-value", new Schema.Parser().parse(V1));
        Answer newVersion = stranger.register("owned-value", V2);
        Answer newSubject = stranger.register("stranger-value", V1);
        Answer level = stranger.put("/config", "{\"compatibility\":\"NONE\"}");
        Answer subjectLevel = stranger.put("/config/owned-value", "{\"compatibility\":\"NONE\"}");

        assertThat(newVersion.status()).isEqualTo(403);
        assertThat(newVersion.errorCode()).isEqualTo(40301);
        assertThat(newVersion.body().path("message").asText()).contains("--registry-open");
        assertThat(newSubject.status()).isEqualTo(403);
        assertThat(level.status()).isEqualTo(403);
        assertThat(subjectLevel.status()).isEqualTo(403);
        // nothing changed, and reads stay open
        assertThat(stranger.get("/subjects").body().toString()).isEqualTo("[\"owned-value\"]");
        assertThat(stranger.get("/subjects/owned-value/versions").body().toString()).isEqualTo("[1]");
        assertThat(stranger.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(stranger.get("/config/owned-value").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(stranger.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(stranger.post("/subjects/owned-value", RegistryHttp.schemaBody(V1)).body().path("id").asInt())
                .isEqualTo(id);
        assertThat(stranger.post("/compatibility/subjects/owned-value/versions/latest", RegistryHttp.schemaBody(V2))
                .body().path("is_compatible").asBoolean()).isTrue();
        // registering what is already there changes nothing: a serializer elsewhere gets its id
        assertThat(stranger.register("owned-value", V1).body().path("id").asInt()).isEqualTo(id);
        assertThat(owned.client().register("owned-value", new Schema.Parser().parse(V2))).isNotEqualTo(id);
    }

    @Test
    void aClientWithTheWrongCredentialIsAStrangerToTheOwnedRegistry() {
        HttpSchemaRegistryClient impostor = new HttpSchemaRegistryClient(owned.url(), "chimera-pipeline", "guess");

        assertThatThrownBy(() -> impostor.register("impostor-value", new Schema.Parser().parse(V1)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo(40301);
                });
    }

    @Test
    void anOpenRegistryLetsAnyClientWrite() throws Exception {
        RegistryHttp anyone = new RegistryHttp(open.url());

        assertThat(anyone.register("open-value", V1).status()).isEqualTo(200);
        assertThat(anyone.put("/config/open-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        assertThat(new HttpSchemaRegistryClient(open.url()).register("open-value", new Schema.Parser().parse(V2)))
                .isPositive();
    }

    @Test
    void withBasicAuthTheClientHoldingTheCredentialReadsAndWrites() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(guarded.url(), "ops", "s3cret");
        Schema v1 = new Schema.Parser().parse(V1);

        int id = client.register("guarded-value", v1);

        assertThat(new HttpSchemaRegistryClient(guarded.url(), "ops", "s3cret").getById(id)).isEqualTo(v1);
        assertThat(client.latest("guarded-value").id()).isEqualTo(id);
        assertThat(client.subjects()).contains("guarded-value");
    }

    @Test
    void withBasicAuthAClientWithoutTheCredentialGets401() {
        HttpSchemaRegistryClient anonymous = new HttpSchemaRegistryClient(guarded.url());
        HttpSchemaRegistryClient wrong = new HttpSchemaRegistryClient(guarded.url(), "ops", "s3cret!");

        assertThatThrownBy(anonymous::subjects).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.errorCode()).isEqualTo(401);
            assertThat(e.getMessage()).contains(guarded.url()).contains("HTTP 401").contains("basic authentication");
        });
        assertThatThrownBy(() -> wrong.register("wrong-value", new Schema.Parser().parse(V1)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void withBasicAuthEveryRequestWithoutItIsChallenged() throws Exception {
        RegistryHttp anonymous = new RegistryHttp(guarded.url());

        for (Answer answer : new Answer[] {anonymous.get("/subjects"), anonymous.get("/schemas/ids/1"),
            anonymous.register("anonymous-value", V1), anonymous.send("POST", "/subjects/x/versions", "text/plain", "x")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.errorCode()).isEqualTo(401);
            assertThat(answer.challenge()).isEqualTo("Basic realm=\"chimera-registry\"");
        }
    }
}
