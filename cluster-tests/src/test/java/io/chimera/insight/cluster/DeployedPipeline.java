package io.chimera.insight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.AccessMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.testcontainers.containers.GenericContainer;

/**
 * The deployed pipeline of issue 14, each part in its own container on host networking: a cluster
 * of three KRaft nodes, the standalone registry (basic auth) and two simulated GPU workers, started
 * once; and any number of pipelines on it ({@link #startServices}), each ingest, two aggregate
 * instances (one standby replica of each store), analyze (given both workers) and report, under a
 * topic prefix of its own, so that scenarios run one after another on the same cluster share no
 * topic, group, transactional id or Streams application.
 */
final class DeployedPipeline implements AutoCloseable {

    static final String REGISTRY_USER = "chimera";
    static final String REGISTRY_PASSWORD = "container-tests";
    static final int NODES = 3;
    static final int REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;
    static final int AGGREGATE_INSTANCES = 2;
    static final int STANDBY_REPLICAS = 1;
    /** The simulated workers take a while per narrative, so a pause can fall mid-generation. */
    private static final String TTFT_MS = "200";
    private static final String TOKENS_PER_S = "300";

    private final ClusterContainers containers;
    private final HostPorts ports = new HostPorts();
    private final List<GenericContainer<?>> brokers;
    private final String bootstrap;
    private final GenericContainer<?> registry;
    private final int registryHttpPort;
    private final String registryUrl;
    private final List<GenericContainer<?>> workers = new ArrayList<>();
    private final List<String> workerUrls = new ArrayList<>();

    /** The services of one pipeline, with the ports of their {@code /health} and {@code /metrics}. */
    record Services(GenericContainer<?> ingest, int ingestHttp, List<GenericContainer<?>> aggregates,
                    List<Integer> aggregateHttp, GenericContainer<?> analyze, int analyzeHttp,
                    GenericContainer<?> report, int reportHttp) {

        List<GenericContainer<?>> all() {
            List<GenericContainer<?>> all = new ArrayList<>();
            all.add(ingest);
            all.addAll(aggregates);
            all.add(analyze);
            all.add(report);
            return all;
        }

        List<Integer> httpPorts() {
            return Stream.of(Stream.of(ingestHttp), aggregateHttp.stream(), Stream.of(analyzeHttp, reportHttp))
                    .flatMap(Function.identity()).toList();
        }
    }

    private DeployedPipeline(ClusterContainers containers) {
        this.containers = containers;
        List<Integer> clientPorts = Stream.generate(ports::next).limit(NODES).toList();
        List<Integer> controllerPorts = Stream.generate(ports::next).limit(NODES).toList();
        bootstrap = clientPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        brokers = containers.kafkaCluster(clientPorts, controllerPorts, REPLICATION_FACTOR, MIN_INSYNC_REPLICAS);
        containers.startTogether(brokers);

        int registryPort = ports.next();
        registryHttpPort = ports.next();
        registryUrl = "http://127.0.0.1:" + registryPort;
        registry = containers.start(containers.chimera("registry", ".*schema registry at .*", "registry",
                "--bootstrap-servers", bootstrap, "--listen", "127.0.0.1:" + registryPort,
                "--replication-factor", String.valueOf(REPLICATION_FACTOR),
                "--min-insync-replicas", String.valueOf(MIN_INSYNC_REPLICAS),
                "--user-info", REGISTRY_USER + ":" + REGISTRY_PASSWORD, "--http-port", String.valueOf(registryHttpPort),
                "--http-host", "127.0.0.1"));

        for (int worker = 1; worker <= 2; worker++) {
            int port = ports.next();
            workers.add(containers.start(containers.chimera("worker-" + worker, ".*simulated GPU worker at .*",
                    "simulate-worker", "--port", String.valueOf(port), "--ttft-ms", TTFT_MS, "--tokens-per-s", TOKENS_PER_S)));
            workerUrls.add("http://127.0.0.1:" + port);
        }
    }

    /** The cluster, registry and workers, started; their output under {@code logDir}. */
    static DeployedPipeline start(Path logDir) {
        ClusterContainers containers = new ClusterContainers(logDir);
        try {
            return new DeployedPipeline(containers);
        } catch (RuntimeException e) {
            containers.close();
            throw e;
        }
    }

    /**
     * Ingest (watching {@code watched}, bind-mounted read-only), two aggregate instances, analyze
     * and report (writing into {@code reports}, bind-mounted, as its owner), all under
     * {@code topicPrefix}; started, and each {@code /health} answering 200.
     */
    Services startServices(String topicPrefix, Path watched, Path reports) {
        int ingestHttp = ports.next();
        GenericContainer<?> ingest = containers.start(ClusterContainers.bind(service(topicPrefix, "ingest", "ingest", ingestHttp,
                "--watch", "/data/benchmarks", "--transactional-id", topicPrefix + "ingest"),
                watched, "/data/benchmarks", AccessMode.ro));
        List<GenericContainer<?>> aggregates = new ArrayList<>();
        List<Integer> aggregateHttp = new ArrayList<>();
        for (int instance = 1; instance <= AGGREGATE_INSTANCES; instance++) {
            int http = ports.next();
            aggregates.add(service(topicPrefix, "aggregate", "aggregate-" + instance, http,
                    "--query-port", String.valueOf(ports.next()), "--debounce", "300",
                    "--standby-replicas", String.valueOf(STANDBY_REPLICAS)));
            aggregateHttp.add(http);
        }
        // Both instances at once: the second joining later would only cost a rebalance.
        containers.startTogether(aggregates);
        int analyzeHttp = ports.next();
        List<String> analyzeArgs = new ArrayList<>();
        workerUrls.forEach(url -> analyzeArgs.addAll(List.of("--llm", url)));
        // A paused worker is a silent connection: found stalled after 5 s of silence rather than the default 30 s.
        analyzeArgs.addAll(List.of("--llm-first-token-timeout", "10", "--llm-idle-timeout", "5"));
        GenericContainer<?> analyze = containers.start(service(topicPrefix, "analyze", "analyze", analyzeHttp,
                analyzeArgs.toArray(String[]::new)));
        int reportHttp = ports.next();
        GenericContainer<?> report = service(topicPrefix, "report", "report", reportHttp, "--reports", "/data/reports")
                .withCreateContainerCmdModifier(command -> command.withUser(owner(reports)));
        containers.start(ClusterContainers.bind(report, reports, "/data/reports", AccessMode.rw));
        Services services = new Services(ingest, ingestHttp, aggregates, aggregateHttp, analyze, analyzeHttp, report, reportHttp);
        for (int port : services.httpPorts()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> ServiceProbes.health(port) == 200);
        }
        return services;
    }

    /**
     * Undoes whatever fault a failed scenario left behind: every broker, the registry and each
     * worker running and not paused, so the next scenario starts on the whole deployment.
     */
    void reviveShared() {
        List<GenericContainer<?>> shared = new ArrayList<>(brokers);
        shared.add(registry);
        shared.addAll(workers);
        shared.forEach(ClusterContainers::runningAndUnpaused);
    }

    /** Stops the services of one pipeline; the cluster, registry and workers stay. */
    void stopServices(Services services) {
        containers.stopAll(services.all());
    }

    /**
     * Waits until all three nodes are in the cluster and every replica of every partition is in
     * sync again: a scenario starts on a whole cluster, and a restarted broker has caught up.
     */
    void awaitWholeCluster() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (Admin admin = admin()) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).as("nodes in the cluster").hasSize(NODES);
                assertThat(describeAll(admin).values().stream()
                        .flatMap(topic -> topic.partitions().stream()
                                .filter(partition -> partition.isr().size() < partition.replicas().size())
                                .map(partition -> topic.name() + "-" + partition.partition() + " isr " + partition.isr())))
                        .as("partitions with a replica out of sync").isEmpty();
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("cannot describe the cluster: " + e, e);
            }
        });
    }

    /** The broker that leads most partitions of {@code topic} now. */
    GenericContainer<?> leaderOfMostPartitionsOf(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<Integer, Long> led = description.partitions().stream().map(TopicPartitionInfo::leader)
                    .collect(Collectors.groupingBy(node -> node.id(), Collectors.counting()));
            int node = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return brokers.get(node - 1);
        }
    }

    /** The node that is the active controller of the KRaft quorum now (each node is broker and controller). */
    GenericContainer<?> activeController() throws Exception {
        try (Admin admin = admin()) {
            return brokers.get(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId() - 1);
        }
    }

    /** The partitions each member of consumer group {@code group} is assigned now (a Streams app: its active tasks'). */
    List<Integer> partitionsPerMember(String group) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().stream()
                    .map(member -> member.assignment().topicPartitions().size()).toList();
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static Map<String, TopicDescription> describeAll(Admin admin) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    }

    List<GenericContainer<?>> brokers() {
        return brokers;
    }

    GenericContainer<?> registry() {
        return registry;
    }

    int registryHttpPort() {
        return registryHttpPort;
    }

    List<GenericContainer<?>> workers() {
        return workers;
    }

    List<String> workerUrls() {
        return workerUrls;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** A pipeline service ({@code ingest}, {@code aggregate}, ...) against the cluster and registry; not started. */
    private GenericContainer<?> service(String topicPrefix, String command, String name, int httpPort, String... args) {
        String[] line = Stream.concat(Stream.of(command, "--bootstrap-servers", bootstrap, "--schema-registry", registryUrl,
                        "--registry-user", REGISTRY_USER, "--registry-password", REGISTRY_PASSWORD,
                        "--topic-prefix", topicPrefix,
                        "--replication-factor", String.valueOf(REPLICATION_FACTOR),
                        "--min-insync-replicas", String.valueOf(MIN_INSYNC_REPLICAS),
                        "--http-port", String.valueOf(httpPort)), Stream.of(args))
                .toArray(String[]::new);
        // Host networking: every endpoint on loopback only (the image's default is every interface).
        return containers.chimera(topicPrefix + name, ".*" + command + ": metrics on .*", line)
                .withEnv("CHIMERA_HTTP_PORT", String.valueOf(httpPort))
                .withEnv("CHIMERA_HTTP_HOST", "127.0.0.1")
                .withEnv("CHIMERA_QUERY_HOST", "127.0.0.1");
    }

    private static String owner(Path folder) {
        try {
            return Files.getAttribute(folder, "unix:uid") + ":" + Files.getAttribute(folder, "unix:gid");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner of " + folder, e);
        }
    }

    @Override
    public void close() {
        containers.close();
    }
}
