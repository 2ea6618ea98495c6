package io.chimera.insight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.AccessMode;
import io.chimera.insight.app.ChimeraCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;

/**
 * The deployed pipeline, each part in its own container of our images on host networking: three
 * KRaft nodes, the standalone registry, one simulated GPU worker, ingest, aggregate, analyze and
 * report. Fed the examples corpus through a bind-mounted watched folder, its reports (in a
 * bind-mounted folder) must carry exactly the runs, failed runs and metric means that
 * {@code chimera run} gives on the same files in this JVM, and every report its narrative from the
 * simulated worker (status OK). Every topic has three replicas; every topic the services and the
 * registry create, Kafka Streams' internal ones included, carries {@code min.insync.replicas} 2 of
 * its own, from their {@code --replication-factor 3 --min-insync-replicas 2} (the brokers' default
 * replication factor stays 1, so a topic created without the flags would show).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipelineContainerIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("chimera.repository", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("chimera.container.logs", "target/container-logs"));
    private static final String REGISTRY_USER = "chimera";
    private static final String REGISTRY_PASSWORD = "container-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int NODES = 3;
    private static final int REPLICATION_FACTOR = 3;
    private static final int MIN_INSYNC_REPLICAS = 2;

    @TempDir
    static Path work;

    private static ClusterContainers containers;

    @BeforeAll
    static void requireDocker() {
        DockerTier.requireDockerAndImages(ClusterContainers.CHIMERA_IMAGE, ClusterContainers.KAFKA_IMAGE);
        containers = new ClusterContainers(LOGS.resolve("pipeline"));
    }

    @AfterAll
    static void stopContainers() {
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void reportsOfTheDeployedPipelineCarryTheRunsAndMeansOfChimeraRun() throws Exception {
        Path watched = copyOfExamples(work.resolve("benchmarks"));
        ReportFigures expected = ReportFigures.read(chimeraRun(watched, work.resolve("expected-reports")));
        assertThat(expected.models()).as("models chimera run reported").isNotEmpty();

        Path reports = Files.createDirectories(work.resolve("reports"));
        long started = System.nanoTime();
        HostPorts ports = new HostPorts();
        List<Integer> clientPorts = Stream.generate(ports::next).limit(NODES).toList();
        List<Integer> controllerPorts = Stream.generate(ports::next).limit(NODES).toList();
        String bootstrap = clientPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        containers.startTogether(containers.kafkaCluster(clientPorts, controllerPorts, REPLICATION_FACTOR, MIN_INSYNC_REPLICAS));

        int registryPort = ports.next();
        String registry = "http://127.0.0.1:" + registryPort;
        containers.start(containers.chimera("registry", ".*schema registry at .*", "registry",
                "--bootstrap-servers", bootstrap, "--listen", "127.0.0.1:" + registryPort,
                "--replication-factor", String.valueOf(REPLICATION_FACTOR),
                "--min-insync-replicas", String.valueOf(MIN_INSYNC_REPLICAS),
                "--user-info", REGISTRY_USER + ":" + REGISTRY_PASSWORD, "--http-port", String.valueOf(ports.next())));

        int workerPort = ports.next();
        containers.start(containers.chimera("worker-1", ".*simulated GPU worker at .*", "simulate-worker",
                "--port", String.valueOf(workerPort), "--ttft-ms", "20", "--tokens-per-s", "2000"));

        int ingestHttp = ports.next();
        containers.start(ClusterContainers.bind(service("ingest", ingestHttp, bootstrap, registry,
                "--watch", "/data/benchmarks"), watched, "/data/benchmarks", AccessMode.ro));
        int aggregateHttp = ports.next();
        containers.start(service("aggregate", aggregateHttp, bootstrap, registry,
                "--query-port", String.valueOf(ports.next()), "--debounce", "300"));
        int analyzeHttp = ports.next();
        containers.start(service("analyze", analyzeHttp, bootstrap, registry,
                "--llm", "http://127.0.0.1:" + workerPort));
        int reportHttp = ports.next();
        // The report service writes as the owner of the bind-mounted folder, so the files are the test's own.
        GenericContainer<?> report = service("report", reportHttp, bootstrap, registry, "--reports", "/data/reports")
                .withCreateContainerCmdModifier(command -> command.withUser(owner(reports)));
        containers.start(ClusterContainers.bind(report, reports, "/data/reports", AccessMode.rw));
        for (int port : List.of(ingestHttp, aggregateHttp, analyzeHttp, reportHttp)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> healthStatus(port) == 200);
        }
        long up = System.nanoTime();
        System.out.printf("pipeline of %d containers up in %.1f s%n", NODES + 6, (up - started) / 1e9);

        // Runs arrive over several aggregation rounds, narratives after the figures: wait for the last
        // report of each model; on a timeout Awaitility reports the last assertion that failed.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(ReportFigures.read(reports)).isEqualTo(expected);
            assertThat(ReportFigures.statuses(reports)).allSatisfy((model, status) -> assertThat(status).as(model).isEqualTo("OK"));
        });
        System.out.printf("reports of %d models complete %.1f s after the pipeline was up%n",
                expected.models().size(), (System.nanoTime() - up) / 1e9);

        assertEveryTopicIsReplicated(bootstrap);
    }

    /** Three replicas everywhere; {@code min.insync.replicas} set on each topic we (not the brokers) created. */
    private static void assertEveryTopicIsReplicated(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

            assertThat(names).as("topics").contains("_schemas", "__consumer_offsets", "__transaction_state")
                    .anyMatch(name -> name.startsWith("chimera.aggregate-") && name.endsWith("-changelog"));
            topics.forEach((name, topic) -> assertThat(topic.partitions())
                    .as("replicas of each partition of %s", name)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(REPLICATION_FACTOR)));
            configs.forEach((resource, config) -> {
                if (!resource.name().startsWith("__")) {
                    ConfigEntry minInsync = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                    assertThat(minInsync.value()).as("min.insync.replicas of %s", resource.name())
                            .isEqualTo(String.valueOf(MIN_INSYNC_REPLICAS));
                    assertThat(minInsync.source()).as("where min.insync.replicas of %s comes from", resource.name())
                            .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                }
            });
        }
    }

    /** A pipeline service ({@code ingest}, {@code aggregate}, ...) against the cluster and registry; not started. */
    private static GenericContainer<?> service(String name, int httpPort, String bootstrap, String registry, String... args) {
        String[] command = Stream.concat(Stream.of(name, "--bootstrap-servers", bootstrap, "--schema-registry", registry,
                        "--registry-user", REGISTRY_USER, "--registry-password", REGISTRY_PASSWORD,
                        "--replication-factor", String.valueOf(REPLICATION_FACTOR),
                        "--min-insync-replicas", String.valueOf(MIN_INSYNC_REPLICAS),
                        "--http-port", String.valueOf(httpPort)), Stream.of(args))
                .toArray(String[]::new);
        return containers.chimera(name, ".*" + name + ": metrics on .*", command)
                .withEnv("CHIMERA_HTTP_PORT", String.valueOf(httpPort));
    }

    /** The real {@code chimera run} on {@code input}, its LLM unreachable: the figures do not depend on it. */
    private static Path chimeraRun(Path input, Path reports) {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("run", "--input", input.toString(), "--reports", reports.toString(),
                "--llm", "http://127.0.0.1:" + new HostPorts().next(), "--debounce", "300");
        assertThat(exit).as("chimera run:%n%s", out).isZero();
        return reports;
    }

    private static Path copyOfExamples(Path target) throws IOException {
        Path examples = REPOSITORY.resolve("examples/benchmarks");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(examples.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static String owner(Path folder) {
        try {
            return Files.getAttribute(folder, "unix:uid") + ":" + Files.getAttribute(folder, "unix:gid");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner of " + folder, e);
        }
    }

    private static int healthStatus(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
