package io.chimera.insight.localstack;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalStackIT {

    private static final Schema FILE_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"File","namespace":"t","fields":[{"name":"path","type":"string"}]}""");
    private static final Schema RUN_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"}]}""");
    private static final Schema RUN_V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"},
             {"name":"ok","type":"boolean","default":true}]}""");
    private static final Schema RUN_BREAKING = new Schema.Parser().parse("""
            {"type":"record","name":"Run","namespace":"t","fields":[{"name":"model","type":"string"},
             {"name":"ok","type":"boolean","default":true},{"name":"tokens","type":"int"}]}""");

    @Test
    void schemaIdsVersionsAndRulesSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
        int fileId;
        int runId;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withDataDir(dataDir))) {
            SchemaRegistry registry = stack.registryClient();
            fileId = registry.register("files-value", FILE_V1);
            runId = registry.register("runs-value", RUN_V1);
        }
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();

        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withDataDir(dataDir))) {
            SchemaRegistry registry = stack.registryClient();

            assertThat(registry.getById(fileId)).isEqualTo(FILE_V1);
            assertThat(registry.getById(runId)).isEqualTo(RUN_V1);
            assertThat(registry.subjects()).containsExactly("files-value", "runs-value");
            assertThat(registry.register("runs-value", RUN_V1)).isEqualTo(runId);
            int newId = registry.register("runs-value", RUN_V2);
            assertThat(newId).isNotIn(fileId, runId);
            assertThat(registry.latest("runs-value").version()).isEqualTo(2);
            assertThatThrownBy(() -> registry.register("runs-value", RUN_BREAKING))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
        }
    }

    @Test
    void exposesSettingsPointingAtItsBrokerAndRegistry() {
        try (LocalStack stack = LocalStack.start()) {
            assertThat(stack.kafkaSettings().bootstrapServers()).isEqualTo(stack.bootstrapServers())
                    .startsWith("127.0.0.1:");
            assertThat(stack.kafkaSettings().schemaRegistryUrl()).isEqualTo(stack.schemaRegistryUrl())
                    .startsWith("http://127.0.0.1:");
            assertThat(stack.broker().isRunning()).isTrue();
        }
    }
}
