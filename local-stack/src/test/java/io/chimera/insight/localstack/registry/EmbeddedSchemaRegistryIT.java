package io.chimera.insight.localstack.registry;

import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.localstack.registry.RegistryHttp.Answer;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.registry.RegisteredSchema;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EmbeddedSchemaRegistryIT {

    private static final String V1 = """
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"}]}""";
    // Same schema, different whitespace and attribute order.
    private static final String V1_REFORMATTED = """
            {  "namespace" : "t", "name" : "Run", "type" : "record",
               "fields" : [ { "type" : "string", "name" : "model" } ] }""";
    private static final String V2_WITH_DEFAULT = """
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"},
             {"name":"backend","type":"string","default":"ollama"}]}""";
    private static final String V2_WITHOUT_DEFAULT = """
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"},
             {"name":"backend","type":"string"}]}""";

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void startStack() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, RegistryAccess.open()); // who may write: RegistryAccessIT
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopStack() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void registersIdempotentlyAndServesVersionsLatestAndIds() throws Exception {
        Answer first = http.register("runs-value", V1);
        Answer again = http.register("runs-value", V1_REFORMATTED);
        Answer second = http.register("runs-value", V2_WITH_DEFAULT);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        int id1 = first.body().get("id").asInt();
        int id2 = second.body().get("id").asInt();
        assertThat(again.body().get("id").asInt()).isEqualTo(id1);
        assertThat(id2).isNotEqualTo(id1);

        assertThat(http.get("/subjects").body()).extracting(node -> node.toString()).asString().contains("\"runs-value\"");
        assertThat(http.get("/subjects/runs-value/versions").body().toString()).isEqualTo("[1,2]");
        Answer latest = http.get("/subjects/runs-value/versions/latest");
        assertThat(latest.body().get("subject").asText()).isEqualTo("runs-value");
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(id2);
        assertThat(new Schema.Parser().parse(latest.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V2_WITH_DEFAULT));
        assertThat(http.get("/subjects/runs-value/versions/1").body().get("id").asInt()).isEqualTo(id1);
        assertThat(new Schema.Parser().parse(http.get("/schemas/ids/" + id1).body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V1));

        Answer lookup = http.post("/subjects/runs-value", RegistryHttp.schemaBody(V1_REFORMATTED));
        assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.body().get("id").asInt()).isEqualTo(id1);
    }

    @Test
    void theSameSchemaUnderAnotherSubjectReusesTheGlobalId() throws Exception {
        int id = http.register("shared-a-value", V1).body().get("id").asInt();

        Answer other = http.register("shared-b-value", V1);

        assertThat(other.body().get("id").asInt()).isEqualTo(id);
        assertThat(http.get("/subjects/shared-b-value/versions/latest").body().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void addingAFieldWithoutDefaultIsRejectedUnderBackward() throws Exception {
        http.register("strict-value", V1);

        Answer check = http.post("/compatibility/subjects/strict-value/versions/latest", RegistryHttp.schemaBody(V2_WITHOUT_DEFAULT));
        Answer checkWithDefault = http.post("/compatibility/subjects/strict-value/versions/latest",
                RegistryHttp.schemaBody(V2_WITH_DEFAULT));
        Answer rejected = http.register("strict-value", V2_WITHOUT_DEFAULT);

        assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(checkWithDefault.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.body().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"strict-value\"");
        assertThat(http.get("/subjects/strict-value/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void subjectLevelNoneAcceptsABreakingChangeAndConfigReportsIt() throws Exception {
        assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        http.register("loose-value", V1);

        Answer put = http.put("/config/loose-value", "{\"compatibility\":\"NONE\"}");
        Answer registered = http.register("loose-value", V2_WITHOUT_DEFAULT);

        assertThat(put.body().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/loose-value").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void forwardRejectsRemovingAFieldOldReadersNeed() throws Exception {
        http.put("/config/fwd-value", "{\"compatibilityLevel\":\"FORWARD\"}");
        http.register("fwd-value", V1);

        Answer addedField = http.register("fwd-value", V2_WITHOUT_DEFAULT);
        Answer removedField = http.register("fwd-value", """
                {"type":"record","name":"Run","namespace":"t","fields":[{"name":"backend","type":"string"}]}""");

        assertThat(addedField.status()).isEqualTo(200);
        assertThat(removedField.status()).isEqualTo(409);
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() throws Exception {
        http.put("/config/plain-value", "{\"compatibility\":\"BACKWARD\"}");
        http.put("/config/transitive-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        for (String subject : new String[] {"plain-value", "transitive-value"}) {
            http.register(subject, V1);
            http.register(subject, V2_WITH_DEFAULT);
        }

        // Reads v2 data (field present) but not v1 data (field missing, no default).
        assertThat(http.register("plain-value", V2_WITHOUT_DEFAULT).status()).isEqualTo(200);
        assertThat(http.register("transitive-value", V2_WITHOUT_DEFAULT).status()).isEqualTo(409);
    }

    @Test
    void invalidInputIsRejectedWithConfluentErrorCodes() throws Exception {
        Answer garbage = http.register("bad-value", "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}");
        Answer notJson = http.register("bad-value", "not a schema");
        Answer badLevel = http.put("/config/bad-value", "{\"compatibility\":\"SOMETIMES\"}");

        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.errorCode()).isEqualTo(42201);
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.errorCode()).isEqualTo(42201);
        assertThat(badLevel.status()).isEqualTo(422);
        assertThat(badLevel.errorCode()).isEqualTo(42203);
    }

    @Test
    void missingThingsAreNotFoundWithTheirErrorCodes() throws Exception {
        http.register("known-value", V1);

        assertThat(http.get("/schemas/ids/987654").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/987654").status()).isEqualTo(404);
        assertThat(http.get("/subjects/unknown-value/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/unknown-value/versions/latest").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/known-value/versions/7").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/known-value/versions/zero").errorCode()).isEqualTo(42202);
        assertThat(http.post("/subjects/known-value", RegistryHttp.schemaBody(V2_WITH_DEFAULT)).errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/unknown-value", RegistryHttp.schemaBody(V1)).errorCode()).isEqualTo(40401);
    }

    @Test
    void theProjectsRegistryClientWorksAgainstIt() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        Schema v1 = new Schema.Parser().parse(V1);
        Schema v2 = new Schema.Parser().parse(V2_WITH_DEFAULT);

        int id = client.register("client-value", v1);
        assertThat(client.isCompatible("client-value", v2)).isTrue();
        assertThat(client.isCompatible("client-value", new Schema.Parser().parse(V2_WITHOUT_DEFAULT))).isFalse();
        int id2 = client.register("client-value", v2);
        RegisteredSchema latest = client.latest("client-value");

        assertThat(new HttpSchemaRegistryClient(registry.url()).getById(id)).isEqualTo(v1);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.schema()).isEqualTo(v2);
        assertThat(client.subjects()).contains("client-value");
    }
}
