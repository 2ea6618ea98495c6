package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.LocalStackOptions;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chimera publish} as a rig runs it against a cluster (the embedded broker and registry,
 * reached only through the flags), and Kafka client properties reaching the clients it builds.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PublishCommandIT {

    private static LocalStack stack;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startStack() {
        // a cluster's registry as a deployment runs it: every call needs the basic-auth credential
        stack = LocalStack.start(LocalStackOptions.defaults().withRegistryAccess(RegistryAccess.basicAuth("ops:s3cret")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void publishesEveryFileOnceAndSkipsItWhenPublishedAgain() {
        String corpus = TestCorpus.root().toString();

        int exit = publish("pub.", corpus);

        assertThat(exit).as(err.toString()).isZero();
        // Counted by hand: 36 + 5 + 5 runs (2 timed out, 5 failed to connect), the .ncu-rep rejected.
        assertThat(out.toString()).contains("files: 4\n", "published: 4\n", "unchanged: 0\n", "runs: 46\n",
                "summary records: 0\n", "dead letters: 1\n");
        TopicNames names = new TopicNames("pub.");
        assertThat(read(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getPath, BenchmarkFile::getStatus)
                .containsExactlyInAnyOrder(
                        tuple("gemma3/gemma3_1b-it-qat_baseline.json", FileStatus.ACCEPTED),
                        tuple("gemma3/gemma3_270m_param_tuning.csv", FileStatus.ACCEPTED),
                        tuple("ollama/gemma3_benchmark_runs.csv", FileStatus.ACCEPTED),
                        tuple("profiling/ncu_ollama.ncu-rep", FileStatus.REJECTED));
        Map<String, Long> runsByModel = read(names, Topics.BENCHMARK_RUNS).stream()
                .collect(Collectors.groupingBy(BenchmarkRun::getModel, Collectors.counting()));
        assertThat(runsByModel).isEqualTo(Map.of("gemma3:270m", 36L, "gemma3:1b-it-qat", 5L, "gemma3:latest", 5L));
        assertThat(read(names, Topics.DEAD_LETTERS)).extracting(DeadLetter::getSource)
                .containsExactly("profiling/ncu_ollama.ncu-rep");

        out.getBuffer().setLength(0);
        assertThat(publish("pub.", corpus)).as(err.toString()).isZero();

        assertThat(out.toString()).contains("files: 4\n", "published: 0\n", "unchanged: 4\n", "runs: 0\n");
        assertThat(read(names, Topics.BENCHMARK_FILES)).hasSize(4);
        assertThat(read(names, Topics.BENCHMARK_RUNS)).hasSize(46);
    }

    @Test
    void anInvalidKafkaPropertyFailsTheCommandNamingIt() {
        String file = TestCorpus.root().resolve("gemma3/gemma3_1b-it-qat_baseline.json").toString();

        int exit = publish("badprop.", file, "--kafka-property", "compression.type=bogus");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("chimera publish: ").contains("bogus", "compression.type");
        assertThat(out.toString()).doesNotContain("published:");
    }

    @Test
    void aFileTheClusterRefusesIsDeadLetteredAndCountedSoWhileTheOthersArePublished() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("refused"));
        Files.writeString(folder.resolve("gemma3_1b_runs.csv"), "ttft_ms,tokens_per_s\n100,50\n");
        // A failed run keeps its error text whole: 30,000 characters, over the 20,000-byte request limit.
        Files.writeString(folder.resolve("gemma3_4b_runs.csv"), "ttft_ms,tokens_per_s,error\n,,"
                + "timeout ".repeat(3750) + "\n");
        Files.writeString(folder.resolve("llama3_8b_runs.csv"), "ttft_ms,tokens_per_s\n300,20\n");

        int exit = publish("refused.", folder.toString(), "--kafka-property", "max.request.size=20000",
                "--kafka-property", "compression.type=none");

        // Retrying cannot fix it: the file is a dead letter, not a failure of the command.
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("published: 3\n", "runs: 2\n", "dead letters: 1\n")
                .doesNotContain("not published");
        assertThat(read(new TopicNames("refused."), Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getPath,
                BenchmarkFile::getStatus).containsExactlyInAnyOrder(tuple("gemma3_1b_runs.csv", FileStatus.ACCEPTED),
                tuple("gemma3_4b_runs.csv", FileStatus.REJECTED), tuple("llama3_8b_runs.csv", FileStatus.ACCEPTED));
    }

    @Test
    void aFilesPerTransactionBelowOneIsRefusedBeforeConnecting() {
        int exit = publish("zero.", "no-such-file-needed", "--files-per-transaction", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("files per transaction must be at least 1, not 0");
    }

    @Test
    void aKafkaConfigFileReachesTheClientsAndAFlagOverridesIt() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"), "compression.type=bogus\n");
        String file = TestCorpus.root().resolve("gemma3/gemma3_1b-it-qat_baseline.json").toString();

        int fromFile = publish("configfile.", file, "--kafka-config", config.toString());
        String fileError = err.toString();
        err.getBuffer().setLength(0);
        int overridden = publish("configfile.", file, "--kafka-config", config.toString(),
                "--kafka-property", "compression.type=gzip");

        assertThat(fromFile).isEqualTo(1);
        assertThat(fileError).contains("bogus", "compression.type");
        assertThat(overridden).as(err.toString()).isZero();
        assertThat(out.toString()).contains("published: 1\n", "runs: 5\n");
    }

    private int publish(String topicPrefix, String... arguments) {
        List<String> args = new ArrayList<>(List.of("publish", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry", stack.schemaRegistryUrl(), "--registry-user", "ops", "--registry-password", "s3cret",
                "--topic-prefix", topicPrefix, "--partitions", "1"));
        args.addAll(List.of(arguments));
        CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    /** Every committed value of {@code topic}, decoded through the registry by the ids written in them. */
    private static <V> List<V> read(TopicNames names, Topic<V> topic) {
        String name = names.of(topic);
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                stack.kafkaSettings().consumerProps("publish-test-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(
                        serdes.value(topic).deserializer().deserialize(name, r.value())));
            }
        }
        return values;
    }
}
