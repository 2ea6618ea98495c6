package io.chimera.insight.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers of our images as the network rule of our machines wants them: host networking, each on
 * its own 127.0.0.1 ports, never pulled (no registry can be reached; the images are built locally by
 * deploy/docker/build-images.sh). Faults are injected with Docker itself ({@link #kill}, {@link #pause},
 * {@link #restart}), and a killed container is started again as the same container, so it keeps its
 * file system (a broker its log directory, an aggregate instance its state directory), as a node or a
 * pod restarted on the same volume would. Each container's whole output, every start of it, goes to
 * {@code target/container-logs/<name>.log} when it is stopped. Closing stops every container started
 * here, last first.
 */
final class ClusterContainers implements AutoCloseable {

    static final String CHIMERA_IMAGE = "chimera-insight:" + System.getenv().getOrDefault("CHIMERA_IMAGE_TAG", "local");
    /** The broker runs the Kafka the services are built with. */
    static final String KAFKA_IMAGE = "chimera/kafka:" + AppInfoParser.getVersion();
    /** Any fixed id: every node of one cluster formats its storage with it. */
    private static final String CLUSTER_ID = "Y2hpbWVyYS1jbHVzdGVyMQ";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Path logDir;
    private final List<GenericContainer<?>> started = new ArrayList<>();
    /** The name of each container made here: its log file's. */
    private final Map<GenericContainer<?>, String> names = new IdentityHashMap<>();

    ClusterContainers(Path logDir) {
        this.logDir = logDir;
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The nodes of a KRaft cluster, each broker and controller, on the given client and controller
     * ports (one of each per node); not started. Topics are replicated as {@code replication} says:
     * the broker defaults, and the internal offsets and transaction topics, which the brokers create.
     */
    List<GenericContainer<?>> kafkaCluster(List<Integer> clientPorts, List<Integer> controllerPorts,
                                          int replicationFactor, int minInsyncReplicas) {
        StringBuilder voters = new StringBuilder();
        for (int node = 1; node <= controllerPorts.size(); node++) {
            voters.append(node == 1 ? "" : ",").append(node).append("@127.0.0.1:").append(controllerPorts.get(node - 1));
        }
        List<GenericContainer<?>> nodes = new ArrayList<>();
        for (int node = 1; node <= clientPorts.size(); node++) {
            nodes.add(base("kafka-" + node, KAFKA_IMAGE)
                    .withEnv("KAFKA_CLUSTER_ID", CLUSTER_ID)
                    .withEnv("KAFKA_NODE_ID", String.valueOf(node))
                    .withEnv("KAFKA_LISTENERS", "PLAINTEXT://127.0.0.1:" + clientPorts.get(node - 1)
                            + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(node - 1))
                    .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters.toString())
                    .withEnv("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(minInsyncReplicas))
                    .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", String.valueOf(replicationFactor))
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", String.valueOf(replicationFactor))
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", String.valueOf(minInsyncReplicas))
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*\\n?", 1).withStartupTimeout(STARTUP)));
        }
        return nodes;
    }

    /**
     * {@code chimera COMMAND ARGS} in the chimera-insight image, started once {@code readyLine} (a
     * regular expression over one output line) has been printed; not started.
     */
    GenericContainer<?> chimera(String name, String readyLine, String... command) {
        return base(name, CHIMERA_IMAGE)
                .withCommand(command)
                .waitingFor(Wait.forLogMessage(readyLine + "\\n?", 1).withStartupTimeout(STARTUP));
    }

    /**
     * Binds a host folder into {@code container}, before it starts. Testcontainers 2 deprecates its own
     * file-system binds in favour of copying files in, but a watched folder fed during the test and a
     * reports folder read from outside need the bind itself, so it is set on the create command.
     */
    static GenericContainer<?> bind(GenericContainer<?> container, Path host, String inContainer, AccessMode mode) {
        Bind bind = new Bind(host.toAbsolutePath().toString(), new Volume(inContainer), mode);
        return container.withCreateContainerCmdModifier(command -> {
            List<Bind> binds = new ArrayList<>();
            Bind[] existing = command.getHostConfig().getBinds();
            if (existing != null) {
                binds.addAll(List.of(existing));
            }
            binds.add(bind);
            command.getHostConfig().withBinds(binds);
        });
    }

    /** Starts {@code container}, waiting as it says; it is stopped on {@link #close()}. */
    GenericContainer<?> start(GenericContainer<?> container) {
        started.add(container);
        container.start();
        return container;
    }

    /**
     * Starts {@code containers} at once, waiting for each as it says: the nodes of a KRaft quorum,
     * none of which can finish starting before a majority of controllers runs.
     */
    void startTogether(List<GenericContainer<?>> containers) {
        started.addAll(containers);
        Startables.deepStart(containers).join();
    }

    /** {@code docker kill}: SIGKILL, no orderly shutdown; the container stays, to be started again. */
    static void kill(GenericContainer<?> container) {
        docker().killContainerCmd(container.getContainerId()).exec();
    }

    /** {@code docker start} of a killed container: the same file system, ports and command. */
    static void startAgain(GenericContainer<?> container) {
        docker().startContainerCmd(container.getContainerId()).exec();
    }

    /** {@code docker restart}: SIGTERM, up to 10 s to stop, then the same container again. */
    static void restart(GenericContainer<?> container) {
        docker().restartContainerCmd(container.getContainerId()).withTimeout(10).exec();
    }

    /** {@code docker pause}: every process frozen; its connections stay open and silent. */
    static void pause(GenericContainer<?> container) {
        docker().pauseContainerCmd(container.getContainerId()).exec();
    }

    static void unpause(GenericContainer<?> container) {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    /** Unpauses {@code container} if paused, starts it if it is not running. */
    static void runningAndUnpaused(GenericContainer<?> container) {
        var state = docker().inspectContainerCmd(container.getContainerId()).exec().getState();
        if (Boolean.TRUE.equals(state.getPaused())) {
            unpause(container);
        } else if (!Boolean.TRUE.equals(state.getRunning())) {
            startAgain(container);
        }
    }

    /** Stops and removes {@code container} now (its output kept), rather than on {@link #close()}. */
    void stop(GenericContainer<?> container) {
        started.remove(container);
        keepLogsAndStop(container);
    }

    /** Stops {@code containers} now, last first. */
    void stopAll(List<? extends GenericContainer<?>> containers) {
        List<GenericContainer<?>> reversed = new ArrayList<>(containers);
        Collections.reverse(reversed);
        reversed.forEach(this::stop);
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private GenericContainer<?> base(String name, String image) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withImagePullPolicy(imageName -> false);
        names.put(container, name);
        return container;
    }

    /**
     * The whole output of the container, read from Docker rather than followed: a follower ends
     * with the first process, and a container killed and started again has two.
     */
    private void keepLogsAndStop(GenericContainer<?> container) {
        String name = names.getOrDefault(container, "unnamed");
        if (container.getContainerId() != null) {
            try {
                Files.writeString(logDir.resolve(name + ".log"), container.getLogs(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot keep the output of " + name + ": " + e.getMessage());
            }
        }
        try {
            container.stop();
        } catch (RuntimeException e) {
            System.err.println("cannot stop " + container.getContainerName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        stopAll(List.copyOf(started));
    }
}
