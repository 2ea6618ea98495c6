package io.chimera.insight.localstack.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.storage.internals.log.LogFileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static io.chimera.insight.localstack.kafka.KafkaTestClients.consume;
import static io.chimera.insight.localstack.kafka.KafkaTestClients.createTopic;
import static io.chimera.insight.localstack.kafka.KafkaTestClients.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EmbeddedKafkaBrokerIT {

    @Test
    void producesAndConsumesThenRestartsInTheSameJvmWithoutLeakingThreads() throws Exception {
        Set<String> nonDaemonBefore = nonDaemonThreads();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        Path dataDir = broker.dataDir();
        try {
            String bootstrap = broker.bootstrapServers();
            createTopic(bootstrap, "first");
            produce(bootstrap, "first", "a", "b", "c");
            assertThat(consume(bootstrap, "first", 3)).containsExactly("a", "b", "c");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            produce(bootstrap, "first", "d");
            assertThat(consume(bootstrap, "first", 4)).containsExactly("a", "b", "c", "d");
        } finally {
            broker.close();
        }

        assertThat(dataDir).doesNotExist();
        assertThat(nonDaemonThreads()).isSubsetOf(nonDaemonBefore);
    }

    @Test
    void aNewBrokerOnTheSameDataDirectoryKeepsTopicsAndRecords(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            clusterId = first.clusterId();
            createTopic(first.bootstrapServers(), "kept");
            produce(first.bootstrapServers(), "kept", "one", "two");
        }
        assertThat(dir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(consume(second.bootstrapServers(), "kept", 2)).containsExactly("one", "two");
        }
        assertThat(Files.list(dir)).isNotEmpty();
    }

    @Test
    void fixedPortsAreUsedAndTopicsAreNotCreatedAutomatically() throws Exception {
        int port = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).controllerPort(freePort()).build().start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500),
                     new StringSerializer(), new StringSerializer())) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("missing", "v")).get())
                    .isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.errors.TimeoutException.class);
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void aPartitionsIndexFilesAreMadeOneMebibyteLongNotKafkasTen() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            createTopic(broker.bootstrapServers(), "indexed");
            produce(broker.bootstrapServers(), "indexed", "one");
            File partition = broker.dataDir().resolve("indexed-0").toFile();
            // Kafka makes the active segment's index files their whole length at once, rounded down
            // to whole entries: 8 bytes an offset-index entry, 12 a time-index entry.
            assertThat(LogFileUtils.offsetIndexFile(partition, 0)).hasSize(BrokerConfig.INDEX_BYTES / 8 * 8L);
            assertThat(LogFileUtils.timeIndexFile(partition, 0)).hasSize(BrokerConfig.INDEX_BYTES / 12 * 12L);
        }
    }

    @Test
    void fatalExitRequestsThrowWhileABrokerRunsInsteadOfEndingTheJvm() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            assertThat(broker.isRunning()).isTrue();
            assertThatThrownBy(() -> Exit.halt(3, "disk failure")).isInstanceOf(KafkaFatalError.class)
                    .hasMessageContaining("halt(3)");
            assertThatThrownBy(() -> Exit.exit(1)).isInstanceOf(KafkaFatalError.class);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Set<String> nonDaemonThreads() throws InterruptedException {
        // Give threads that are finishing their last task a moment to end.
        Thread.sleep(200);
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
