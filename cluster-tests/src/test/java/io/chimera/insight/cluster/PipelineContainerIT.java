package io.chimera.insight.cluster;

import static io.chimera.insight.cluster.DeployedPipeline.MIN_INSYNC_REPLICAS;
import static io.chimera.insight.cluster.DeployedPipeline.REPLICATION_FACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deployed pipeline without faults, each part in its own container of our images on host
 * networking: three KRaft nodes, the standalone registry, two simulated GPU workers, ingest, two
 * aggregate instances, analyze and report ({@link DeployedPipeline}). Fed the examples corpus and
 * {@value Workload#GENERATED_FILES} generated files through a bind-mounted watched folder, its
 * reports (in a bind-mounted folder) must carry exactly the runs, failed runs and metric means that
 * {@code chimera run} gives on the same files in this JVM, and every report its narrative from a
 * simulated worker (status OK). Every topic has three replicas; every topic the services and the
 * registry create, Kafka Streams' internal ones included, carries {@code min.insync.replicas} 2 of
 * its own, from their {@code --replication-factor 3 --min-insync-replicas 2} (the brokers' default
 * replication factor stays 1, so a topic created without the flags would show).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipelineContainerIT {

    static final Path REPOSITORY = Path.of(System.getProperty("chimera.repository", "..")).toAbsolutePath().normalize();
    static final Path LOGS = Path.of(System.getProperty("chimera.container.logs", "target/container-logs"));
    /** Watched and reports folders and the workload: under target/, bind-mountable, removed by mvn clean. */
    static final Path WORK = Path.of(System.getProperty("chimera.container.work", "target/container-work")).toAbsolutePath();

    private static DeployedPipeline pipeline;

    @BeforeAll
    static void startCluster() {
        DockerTier.requireDockerAndImages(ClusterContainers.CHIMERA_IMAGE, ClusterContainers.KAFKA_IMAGE);
        long started = System.nanoTime();
        pipeline = DeployedPipeline.start(LOGS.resolve("pipeline"));
        System.out.printf("three KRaft nodes, registry and two workers up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopCluster() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void reportsOfTheDeployedPipelineCarryTheRunsAndMeansOfChimeraRun() throws Exception {
        Workload workload = Workload.get(REPOSITORY, WORK);
        long started = System.nanoTime();
        try (ScenarioRun run = ScenarioRun.start("fault-free", pipeline, workload, WORK)) {
            System.out.printf("pipeline services up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            run.feedFirstHalf();
            run.feedRest();
            run.awaitFaultFreeReports();
            run.note(workload.fileCount() + " files; chimera run in the test JVM: "
                    + String.format("%.1f s", workload.chimeraRunSeconds()));
            run.record("none");
            assertEveryTopicIsReplicated(run);
        }
    }

    /** Three replicas everywhere; {@code min.insync.replicas} set on each topic we (not the brokers) created. */
    private static void assertEveryTopicIsReplicated(ScenarioRun run) throws Exception {
        try (Admin admin = pipeline.admin()) {
            Map<String, TopicDescription> topics = DeployedPipeline.describeAll(admin);
            List<ConfigResource> resources = topics.keySet().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

            assertThat(topics.keySet()).as("topics").contains("_schemas", "__consumer_offsets", "__transaction_state",
                            run.topic("benchmark-runs"))
                    .anyMatch(name -> name.startsWith(run.topic("aggregate-")) && name.endsWith("-changelog"));
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
}
