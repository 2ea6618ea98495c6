package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.localstack.registry.EmbeddedSchemaRegistry;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code chimera registry} as a process of its own against a broker (the embedded one, reached
 * only over its bootstrap address), spoken to over real HTTP: the REST API behind basic auth, its
 * /health, the schemas kept in the compacted topic across a restart of the process.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RegistryCommandIT {

    private static final Pattern REGISTRY_AT = Pattern.compile("schema registry at (http://\\S+)");
    private static final Pattern HEALTH_ON = Pattern.compile("health on (http://\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmbeddedKafkaBroker broker;
    private final List<RegistryProcess> processes = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (RegistryProcess process : processes) {
            process.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void servesTheRegistryBehindBasicAuthWithHealthAndKeepsSchemasAcrossARestart() throws Exception {
        RegistryProcess first = launch("--user-info", "ops:s3cret");
        HttpSchemaRegistryClient withCredential = new HttpSchemaRegistryClient(first.registryUrl, "ops", "s3cret");

        int id = withCredential.register("chimera.benchmark-runs-value", BenchmarkRun.getClassSchema());

        assertThat(get(first.registryUrl + "/subjects", null).statusCode()).isEqualTo(401);
        assertThat(withCredential.subjects()).containsExactly("chimera.benchmark-runs-value");
        HttpResponse<String> health = get(first.healthUrl, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"service\":\"registry\"");
        assertSchemaTopicIsCompacted();

        first.stop();
        RegistryProcess second = launch("--user-info", "ops:s3cret");
        HttpSchemaRegistryClient again = new HttpSchemaRegistryClient(second.registryUrl, "ops", "s3cret");

        assertThat(again.subjects()).containsExactly("chimera.benchmark-runs-value");
        assertThat(again.latest("chimera.benchmark-runs-value").id()).isEqualTo(id);
        assertThat(again.getById(id)).isEqualTo(BenchmarkRun.getClassSchema());
    }

    @Test
    void anOpenRegistryTakesSchemasFromAnyClient() throws Exception {
        RegistryProcess open = launch("--open");

        int id = new HttpSchemaRegistryClient(open.registryUrl).register("t-value", BenchmarkRun.getClassSchema());

        assertThat(new HttpSchemaRegistryClient(open.registryUrl).getById(id)).isEqualTo(BenchmarkRun.getClassSchema());
    }

    @Test
    void aWrongCredentialIsRefused() throws Exception {
        RegistryProcess guarded = launch("--user-info", "ops:s3cret");

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(guarded.registryUrl, "ops", "guess")
                .register("t-value", BenchmarkRun.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void refusesToStartWithoutSayingWhoMayUseIt() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = ChimeraCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("registry", "--bootstrap-servers", broker.bootstrapServers(), "--listen", "127.0.0.1:0",
                "--http-port", "0");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--user-info USER:PASSWORD").contains("--open");
    }

    private void assertSchemaTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(EmbeddedSchemaRegistry.TOPIC))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(EmbeddedSchemaRegistry.TOPIC);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, EmbeddedSchemaRegistry.TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(topic.partitions()).hasSize(1);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code chimera registry} in a JVM of its own on free loopback ports; returns once it says where it serves. */
    private RegistryProcess launch(String... access) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ChimeraCli.class.getName(),
                "registry", "--bootstrap-servers", broker.bootstrapServers(), "--replication-factor", "1",
                "--listen", "127.0.0.1:0", "--http-port", "0"));
        Collections.addAll(command, access);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RegistryProcess started = new RegistryProcess(process);
        processes.add(started);
        started.awaitAddresses();
        return started;
    }

    private static final class RegistryProcess {
        private final Process process;
        private final StringBuilder output = new StringBuilder();
        private String registryUrl;
        private String healthUrl;

        RegistryProcess(Process process) {
            this.process = process;
        }

        /** Reads its output until it has printed both addresses (or ended, which fails the test with its output). */
        void awaitAddresses() throws Exception {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((registryUrl == null || healthUrl == null) && (line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher registry = REGISTRY_AT.matcher(line);
                if (registry.find()) {
                    registryUrl = registry.group(1);
                }
                Matcher health = HEALTH_ON.matcher(line);
                if (health.find()) {
                    healthUrl = health.group(1);
                }
            }
            assertThat(registryUrl).as("registry address; output:%n%s", output).isNotNull();
            assertThat(healthUrl).as("health address; output:%n%s", output).isNotNull();
            // Keep draining, so the process never blocks on a full pipe.
            Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "registry-output");
            drain.setDaemon(true);
            drain.start();
        }

        /** SIGTERM, as docker stop sends it. */
        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
