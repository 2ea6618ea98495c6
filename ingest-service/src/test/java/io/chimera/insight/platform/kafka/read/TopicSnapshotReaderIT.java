package io.chimera.insight.platform.kafka.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.ingest.EmbeddedBroker;
import io.chimera.insight.localstack.kafka.CommittedEnds;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicSnapshotReader} against a broker. It lives in ingest-service because platform's
 * tests cannot have the embedded broker (local-stack depends on platform).
 */
class TopicSnapshotReaderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    private String topic;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void setUp(TestInfo test) {
        topic = "snapshot-" + test.getTestMethod().orElseThrow().getName();
        producer = new KafkaProducer<>(settings().transactionalProducerProps(topic + "-writer"));
        producer.initTransactions();
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void anEmptyTopicIsReadAtOnce() throws Exception {
        createTopic(topic, 3);
        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<String> read = new ArrayList<>();

            assertThat(reader.readToEnd(TIMEOUT, record -> read.add(value(record)))).isTrue();

            assertThat(read).isEmpty();
        }
    }

    @Test
    void readsEveryPartitionToItsEndInOrder() throws Exception {
        createTopic(topic, 4);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            written.add("key-" + (i % 17) + ":" + i);
        }
        commit(written);

        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, read::add)).isTrue();

            assertThat(read).hasSize(200);
            assertThat(read).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2, 3);
            for (String key : read.stream().map(TopicSnapshotReaderIT::key).distinct().toList()) {
                assertThat(read.stream().filter(r -> key(r).equals(key)).map(TopicSnapshotReaderIT::value).toList())
                        .as("the values of %s, in the order written", key)
                        .isEqualTo(written.stream().filter(v -> v.startsWith(key + ":")).toList());
            }
        }
    }

    @Test
    void readsSeveralTopicsTogether() throws Exception {
        String other = topic + "-other";
        createTopic(topic, 2);
        createTopic(other, 1);
        commit(List.of("a:1", "b:2"));
        commit(other, List.of("c:3"));

        try (TopicSnapshotReader reader = open(List.of(topic, other), MissingTopic.FAIL)) {
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, read::add)).isTrue();

            assertThat(read).extracting(ConsumerRecord::topic).containsOnly(topic, other);
            assertThat(read).extracting(TopicSnapshotReaderIT::value).containsExactlyInAnyOrder("a:1", "b:2", "c:3");
        }
    }

    @Test
    void recordsWrittenDuringAReadWaitForTheNextCatchUp() throws Exception {
        createTopic(topic, 2);
        commit(List.of("a:1", "b:2", "a:3", "b:4"));

        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<String> first = new ArrayList<>();
            boolean complete = reader.readToEnd(TIMEOUT, record -> {
                if (first.isEmpty()) {
                    commit(List.of("a:5", "b:6")); // after the ends were taken
                }
                first.add(value(record));
            });
            assertThat(complete).isTrue();
            assertThat(first).containsExactlyInAnyOrder("a:1", "b:2", "a:3", "b:4");

            commit(List.of("a:7"));
            List<String> second = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> second.add(value(record)))).isTrue();
            assertThat(second).containsExactlyInAnyOrder("a:5", "b:6", "a:7");

            List<String> third = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> third.add(value(record)))).isTrue();
            assertThat(third).isEmpty();
        }
    }

    @Test
    void abortedTransactionsAreNotReadAndAnOpenOneWaitsForItsCommit() throws Exception {
        createTopic(topic, 2);
        commit(List.of("a:committed-1"));
        producer.beginTransaction();
        producer.send(record(topic, "a:aborted"));
        producer.send(record(topic, "b:aborted"));
        producer.flush();
        producer.abortTransaction();
        commit(List.of("b:committed-2"));
        producer.beginTransaction();
        producer.send(record(topic, "a:open"));
        producer.flush();

        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<String> read = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> read.add(value(record)))).isTrue();
            assertThat(read).containsExactlyInAnyOrder("a:committed-1", "b:committed-2");

            producer.commitTransaction();
            awaitCommitted(topic);
            List<String> later = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> later.add(value(record)))).isTrue();
            assertThat(later).containsExactly("a:open");
        }
    }

    @Test
    void followsATopicPastItsEnd() throws Exception {
        createTopic(topic, 1);
        commit(List.of("a:old"));
        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            reader.skipToEnd();
            commit(List.of("a:new"));

            List<String> followed = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (followed.isEmpty() && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(record -> followed.add(value(record)));
            }
            assertThat(followed).containsExactly("a:new");
        }
    }

    @Test
    void aMissingTopicReadsEmptyOrFailsNamingTopicAndCluster() {
        String missing = topic + "-missing";
        try (TopicSnapshotReader reader = open(List.of(missing), MissingTopic.EMPTY)) {
            List<String> read = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> read.add(value(record)))).isTrue();
            assertThat(read).isEmpty();
        }

        assertThatThrownBy(() -> open(List.of(missing), MissingTopic.FAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic " + missing + " does not exist at " + settings().bootstrapServers());
    }

    @Test
    void aReadLeavesNoPartitionPausedSoPollFollowsThemAll() throws Exception {
        createTopic(topic, 2);
        commitTo(0, "a:before");

        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<String> read = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> read.add(value(record)))).isTrue();
            assertThat(read).containsExactly("a:before");

            // Partition 1 was at its end from the start, partition 0 once read: both are fetched again.
            commitTo(0, "a:after");
            commitTo(1, "b:after");
            List<String> followed = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(record -> followed.add(value(record)));
                return followed.size() >= 2;
            });
            assertThat(followed).containsExactlyInAnyOrder("a:after", "b:after");
        }
    }

    /**
     * The first read's poll returns a record and leaves the next fetch in flight, which the broker
     * holds at the topic's end for {@code fetch.max.wait.ms}, here far longer than the second read's
     * limit. Had the second read asked for its end offsets on the fetching connection, the broker
     * would have answered only after that fetch: past the limit, a {@link TopicReadException}.
     */
    @Test
    void aReadRightAfterOneThatFetchedDoesNotWaitForTheFetchLeftInFlight() throws Exception {
        createTopic(topic, 1);
        commit(List.of("a:0"));
        Properties props = settings().consumerProps(topic + "-reader");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "60000");
        Duration limit = Duration.ofSeconds(10);

        try (TopicSnapshotReader reader = TopicSnapshotReader.open(props, List.of(topic), TIMEOUT, MissingTopic.FAIL)) {
            List<String> first = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> first.add(value(record)))).isTrue();
            assertThat(first).containsExactly("a:0");

            List<String> second = new ArrayList<>();
            assertThat(reader.readToEnd(limit, record -> second.add(value(record)))).isTrue();
            assertThat(second).isEmpty();
        }
    }

    @Test
    void aReadThatRunsOutOfTimeSaysSoAndTheNextGoesOnFromWhatItRead() throws Exception {
        createTopic(topic, 1);
        commit(List.of("a:0", "a:1", "a:2", "a:3", "a:4"));
        Properties props = settings().consumerProps(topic + "-reader");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1"); // one record per poll: the read cannot finish at once
        Duration limit = Duration.ofSeconds(3);

        try (TopicSnapshotReader reader = TopicSnapshotReader.open(props, List.of(topic), TIMEOUT, MissingTopic.FAIL)) {
            List<String> first = new ArrayList<>();
            boolean complete = reader.readToEnd(limit, record -> {
                first.add(value(record));
                // A handler slower than the read's whole limit: the read is out of time when this returns.
                long handling = System.nanoTime();
                await().atMost(limit.multipliedBy(2)).pollInSameThread()
                        .until(() -> System.nanoTime() - handling > limit.toNanos());
            });
            assertThat(complete).isFalse();
            assertThat(first).containsExactly("a:0");

            List<String> rest = new ArrayList<>();
            assertThat(reader.readToEnd(TIMEOUT, record -> rest.add(value(record)))).isTrue();
            assertThat(rest).containsExactly("a:1", "a:2", "a:3", "a:4");
        }
    }

    @Test
    void aRecordTheHandlerRefusesIsGivenAgainByTheNextReadAndNothingElseIsLost() throws Exception {
        createTopic(topic, 3);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            written.add("key-" + (i % 7) + ":" + i);
        }
        commit(written);
        String refused = "key-3:24";

        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            List<String> given = new ArrayList<>();
            IllegalStateException passing = new IllegalStateException("a dependency is restarting");
            assertThatThrownBy(() -> reader.readToEnd(TIMEOUT, record -> {
                if (value(record).equals(refused)) {
                    throw passing;
                }
                given.add(value(record));
            })).isSameAs(passing);
            assertThat(given).doesNotContain(refused);

            assertThat(reader.readToEnd(TIMEOUT, record -> given.add(value(record)))).isTrue();

            // Every record given exactly once, the refused one by the second read, each key's in order.
            assertThat(given).containsExactlyInAnyOrderElementsOf(written);
            for (int k = 0; k < 7; k++) {
                String key = "key-" + k + ":";
                assertThat(given.stream().filter(v -> v.startsWith(key)).toList())
                        .isEqualTo(written.stream().filter(v -> v.startsWith(key)).toList());
            }
        }
    }

    @Test
    void aRecordAPollsHandlerRefusesIsGivenAgainByTheNextPoll() throws Exception {
        createTopic(topic, 1);
        try (TopicSnapshotReader reader = open(List.of(topic), MissingTopic.FAIL)) {
            assertThat(reader.readToEnd(TIMEOUT, record -> { })).isTrue();
            commit(List.of("a:0", "a:1", "a:2"));
            List<String> given = new ArrayList<>();
            IllegalStateException passing = new IllegalStateException("a dependency is restarting");
            boolean[] refusedOnce = {false};
            await().atMost(TIMEOUT).until(() -> {
                try {
                    reader.poll(Duration.ofMillis(100), record -> {
                        if (value(record).equals("a:1") && !refusedOnce[0]) {
                            refusedOnce[0] = true;
                            throw passing;
                        }
                        given.add(value(record));
                    });
                } catch (IllegalStateException e) {
                    assertThat(e).isSameAs(passing);
                }
                return given.size() == 3;
            });

            assertThat(refusedOnce[0]).isTrue();
            assertThat(given).containsExactly("a:0", "a:1", "a:2");
        }
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutNamingTopicAndCluster() throws IOException {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "127.0.0.1:" + socket.getLocalPort(); // free once closed: nothing listens there
        }
        Properties props = new KafkaSettings(nobody, "http://127.0.0.1:1").consumerProps(topic + "-reader");

        assertThatThrownBy(() -> TopicSnapshotReader.open(props, List.of(topic), Duration.ofMillis(500),
                MissingTopic.EMPTY))
                .isInstanceOf(TopicReadException.class)
                .isInstanceOf(KafkaException.class)
                .hasMessageStartingWith("cannot read " + topic + ": " + nobody
                        + " did not name its partitions within 500 ms");
    }

    private TopicSnapshotReader open(List<String> topics, MissingTopic missing) {
        Properties props = settings().consumerProps(topic + "-reader");
        return TopicSnapshotReader.open(props, topics, TIMEOUT, missing);
    }

    private void commit(List<String> keyedValues) {
        commit(topic, keyedValues);
    }

    private void commit(String topic, List<String> keyedValues) {
        producer.beginTransaction();
        keyedValues.forEach(keyed -> producer.send(record(topic, keyed)));
        producer.commitTransaction();
        awaitCommitted(topic);
    }

    private void commitTo(int partition, String keyed) {
        producer.beginTransaction();
        ProducerRecord<byte[], byte[]> any = record(topic, keyed);
        producer.send(new ProducerRecord<>(topic, partition, any.key(), any.value()));
        producer.commitTransaction();
        awaitCommitted(topic);
    }

    private static void awaitCommitted(String topic) {
        CommittedEnds.await(settings(), topic, TIMEOUT);
    }

    /** {@code "key:value"} becomes a record with that key and the whole string as its value. */
    private static ProducerRecord<byte[], byte[]> record(String topic, String keyed) {
        String key = keyed.substring(0, keyed.indexOf(':'));
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                keyed.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static void createTopic(String name, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(settings().adminProps())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of("min.insync.replicas", "1")))).all().get(30, TimeUnit.SECONDS);
        }
        waitForMetadata(name, partitions);
    }

    /** A topic created a moment ago may not be in the broker's metadata yet. */
    private static void waitForMetadata(String name, int partitions) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Properties props = settings().consumerProps("metadata-probe");
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> probe =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(props)) {
            while (probe.partitionsFor(name, TIMEOUT).size() < partitions && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    private static KafkaSettings settings() {
        return broker.settings();
    }
}
