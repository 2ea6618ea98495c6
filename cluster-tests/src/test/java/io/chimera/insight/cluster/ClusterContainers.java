package io.chimera.insight.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers of our images as the network rule of our machines wants them: host networking, each on
 * its own 127.0.0.1 ports, never pulled (no registry can be reached; the images are built locally by
 * deploy/docker/build-images.sh). Each container's output goes to
 * {@code target/container-logs/<name>.log}. Closing stops every container started here, last first.
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

    private GenericContainer<?> base(String name, String image) {
        Path log = logDir.resolve(name + ".log");
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withImagePullPolicy(imageName -> false)
                .withLogConsumer(frame -> append(log, frame));
    }

    private static void append(Path log, OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            return;
        }
        try {
            Files.write(log, frame.getBytes(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot keep container output in " + log + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        List<GenericContainer<?>> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (GenericContainer<?> container : reversed) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                System.err.println("cannot stop " + container.getContainerName() + ": " + e.getMessage());
            }
        }
    }
}
