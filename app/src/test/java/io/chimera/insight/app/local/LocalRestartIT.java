package io.chimera.insight.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local pipeline started again on its data directory (what {@code chimera up} does after a stop)
 * takes over the consumer-group memberships the last one left there at once, instead of waiting
 * for those members to expire.
 *
 * <p>The first pipeline's members get a 10-minute session, and the second must have processed a new
 * file within 2 minutes: a member that was not taken over would hold its partitions for the 5
 * minutes a rebalance waits for it to rejoin (Kafka Streams' {@code max.poll.interval.ms}), or until
 * its session ends. So the check is not how fast the restart is but that it never waits for an old
 * member, on however loaded a machine. Both ways of stopping leave members behind: an orderly close
 * (Kafka Streams 4.1 sends no LeaveGroup for a dynamic member, and a static one stays on purpose),
 * and {@code kill -9}, done here to a pipeline in a JVM of its own (nothing leaves, and the broker
 * stops without a clean shutdown, as when {@code chimera up} is killed).
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalRestartIT {

    private static final Map<String, String> LONG_SESSIONS = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            Long.toString(Duration.ofMinutes(10).toMillis()));
    private static final Duration TAKEOVER_WAIT = Duration.ofMinutes(2);
    private static final List<String> GROUPS = Stream.of("aggregate", "analyze", "report")
            .map(service -> TopicNames.defaults().prefix() + service).toList();

    @TempDir
    Path dir;

    @Test
    void afterAnOrderlyStopTheNextPipelineTakesOverItsGroupsAtOnce() throws Exception {
        Map<String, List<String>> before;
        try (LocalPipeline first = LocalPipeline.start(options(dir), LONG_SESSIONS)) {
            publishAndAwaitReport(first, dir, "first-life");
            before = members(first);
        }

        try (LocalPipeline second = LocalPipeline.start(options(dir))) {
            publishAndAwaitReport(second, dir, "second-life");
            assertThat(before).as("the first pipeline's members").isEqualTo(staticMembers());
            assertThat(members(second)).as("one member per group, under the same id: the old one was replaced")
                    .isEqualTo(staticMembers());
        }
    }

    @Test
    void afterAKillTheNextPipelineTakesOverItsGroupsAtOnce() throws Exception {
        Process killed = KilledPipeline.launch(dir);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !killed.isAlive() || KilledPipeline.isReady(dir));
            assertThat(killed.isAlive()).as("the first pipeline, see %s", dir.resolve("killed.log")).isTrue();
        } finally {
            killed.destroyForcibly(); // SIGKILL: nothing leaves a group, the broker does not shut down
            killed.waitFor(30, TimeUnit.SECONDS);
        }

        try (LocalPipeline second = LocalPipeline.start(options(dir))) {
            publishAndAwaitReport(second, dir, "second-life");
            assertThat(members(second)).as("one member per group, under the same id: the killed one was replaced")
                    .isEqualTo(staticMembers());
        }
    }

    /**
     * The pipeline of {@link #afterAKillTheNextPipelineTakesOverItsGroupsAtOnce}, in a JVM of its
     * own so that it can be killed: it starts on the test's data directory with long sessions,
     * reports a file, says so on stdout, and waits to be killed.
     */
    static final class KilledPipeline {

        private static final String READY = "ready";

        static Process launch(Path dir) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), KilledPipeline.class.getName(), dir.toString())
                    .redirectOutput(dir.resolve("killed.out").toFile())
                    .redirectError(dir.resolve("killed.log").toFile())
                    .start();
        }

        static boolean isReady(Path dir) throws Exception {
            Path out = dir.resolve("killed.out");
            return Files.exists(out) && Files.readString(out).contains(READY);
        }

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            LocalPipeline pipeline = LocalPipeline.start(options(dir), LONG_SESSIONS);
            publishAndAwaitReport(pipeline, dir, "first-life");
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static LocalPipeline.Options options(Path dir) {
        return new LocalPipeline.Options(Optional.of(dir.resolve("data")), 1, dir.resolve("reports"),
                new ServiceFactory.LlmTarget(LlmApi.OLLAMA, "http://127.0.0.1:9", "gemma3:latest", 8192, 0.2,
                        Duration.ofSeconds(1)),
                AggregationSettings.defaults().withDebounce(Duration.ofMillis(200)));
    }

    /** Publishes a file of one run of {@code model} and waits for its report: every group has done its part. */
    private static void publishAndAwaitReport(LocalPipeline pipeline, Path dir, String model) throws Exception {
        Path root = Files.createDirectories(dir.resolve("files"));
        Path file = Files.writeString(root.resolve(model + ".csv"), "model,tokens_per_s,ttft_ms\n" + model
                + ",50,120\n");
        ServiceFactory.IngestTarget target = new ServiceFactory.IngestTarget(new FileIngestor(MappingRules.bundled()),
                IngestTuning.defaults(), "restart-it");
        assertThat(pipeline.factory().ingestOnce(target, List.of(new ScannedFile(root, file)), done -> { }).runs())
                .isEqualTo(1);
        Path report = dir.resolve("reports").resolve(model).resolve("latest.md");
        await().atMost(TAKEOVER_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> Files.isRegularFile(report));
    }

    /** One static member per group, under the local pipeline's id (the stream thread adds its index). */
    private static Map<String, List<String>> staticMembers() {
        return Map.of(GROUPS.get(0), List.of(LocalPipeline.GROUP_INSTANCE_ID + "-1"),
                GROUPS.get(1), List.of(LocalPipeline.GROUP_INSTANCE_ID),
                GROUPS.get(2), List.of(LocalPipeline.GROUP_INSTANCE_ID));
    }

    /** The group.instance.id of each member of each group, as the broker has them ("" for a dynamic member). */
    private static Map<String, List<String>> members(LocalPipeline pipeline) throws Exception {
        try (Admin admin = Admin.create(pipeline.factory().kafka().settings().adminProps())) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all()
                    .get(30, TimeUnit.SECONDS);
            Map<String, List<String>> members = new TreeMap<>();
            groups.forEach((group, description) -> members.put(group, description.members().stream()
                    .map(MemberDescription::groupInstanceId).map(id -> id.orElse("")).sorted().toList()));
            return members;
        }
    }
}
