package io.chimera.insight.bench.measure;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicCreation;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka's own part of the analysis latency's path, measured on the same broker at the same moments:
 * two topics of their own, shaped as {@code analysis-requests} and {@code config-metrics}, that the
 * latency measure writes each request's very records to in a transaction of their own just before the
 * request's, and a bare {@code read_committed} consumer that polls the requests' copy on a thread of its
 * own, as the analysis service's loop polls its requests, and does nothing else with them. The time from
 * that transaction's commit being asked for to this consumer's poll returning its request is the
 * commit-to-fetch hop with none of the service's work in it (the coordinator's markers, the held fetch
 * answered, the polling thread woken): the floor under the latency figure that the service does not own.
 */
public final class KafkaHop implements AutoCloseable {

    /** A record the consumer polled: when its poll returned it ({@link System#nanoTime()}), and its value. */
    public record Arrival(long nanos, byte[] value) {
    }

    /**
     * How long a poll waits when nothing comes: it returns as soon as a record is fetched, so this only
     * bounds how long {@link #close} waits for the polling thread to see it is closing.
     */
    private static final Duration POLL = Duration.ofMillis(100);

    private final String requestsTopic;
    private final String configsTopic;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final TopicSnapshotReader reader;
    private final Thread polling;
    private volatile RuntimeException failure;
    private volatile boolean closing;

    /**
     * Creates {@code <prefix>hop-requests} and {@code <prefix>hop-configs} with the partitions of
     * {@code requestsLike} and {@code configsLike}, the topics they stand in for, and starts the consumer at
     * the requests' end.
     */
    public KafkaHop(KafkaSettings settings, String prefix, String requestsLike, String configsLike)
            throws ExecutionException, InterruptedException {
        List<String> topics = topics(prefix);
        this.requestsTopic = topics.get(0);
        this.configsTopic = topics.get(1);
        try (Admin admin = Admin.create(settings.adminProps())) {
            Map<String, TopicDescription> like = admin.describeTopics(List.of(requestsLike, configsLike))
                    .allTopicNames().get();
            TopicCreation.create(admin, List.of(
                    new NewTopic(requestsTopic, like.get(requestsLike).partitions().size(), (short) 1),
                    new NewTopic(configsTopic, like.get(configsLike).partitions().size(), (short) 1)));
        }
        this.reader = TopicSnapshotReader.open(settings.consumerProps("bench-kafka-hop"), List.of(requestsTopic),
                Duration.ofSeconds(30), MissingTopic.FAIL); // read_committed, as every reader of ours
        reader.skipToEnd(); // only records written from now on arrive
        this.polling = new Thread(this::read, "bench-kafka-hop");
        polling.setDaemon(true);
        polling.start();
    }

    /** The topics a hop under {@code prefix} writes: the requests' copies, then the configurations'. */
    public static List<String> topics(String prefix) {
        return List.of(prefix + "hop-requests", prefix + "hop-configs");
    }

    /** The topic the requests' copies go to. */
    public String requestsTopic() {
        return requestsTopic;
    }

    /** The topic the configurations' copies go to. */
    public String configsTopic() {
        return configsTopic;
    }

    /**
     * The next record the consumer polled since the one before it was taken.
     *
     * @throws TimeoutException when none came within {@code timeout}
     */
    public Arrival next(Duration timeout) throws TimeoutException, InterruptedException {
        Arrival arrival = arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (arrival == null) {
            if (failure != null) {
                throw failure;
            }
            throw new TimeoutException("no record on " + requestsTopic + " within " + timeout.toMillis() + " ms");
        }
        return arrival;
    }

    private void read() {
        try {
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                    arrivals.add(new Arrival(System.nanoTime(), record.value()));
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            reader.close();
        }
    }

    @Override
    public void close() {
        closing = true; // the polling thread sees it within one poll and closes the reader
        try {
            polling.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the polling thread ends on its own
        }
    }
}
