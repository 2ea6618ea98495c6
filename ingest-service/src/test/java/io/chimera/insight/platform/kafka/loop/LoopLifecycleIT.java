package io.chimera.insight.platform.kafka.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.ingest.EmbeddedBroker;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.ops.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LoopLifecycle} with real clients against a broker. It lives in ingest-service because
 * platform's tests cannot have the embedded broker (local-stack depends on platform).
 */
class LoopLifecycleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPENED = "open: a transaction committed";

    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger roundsStarted = new AtomicInteger();
    private final AtomicInteger roundsEnded = new AtomicInteger();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final AtomicReference<Consumer<byte[], byte[]>> loopConsumer = new AtomicReference<>();
    private final AtomicReference<Producer<byte[], byte[]>> loopProducer = new AtomicReference<>();
    private String input;
    private String output;

    /**
     * Records what the lifecycle calls. Opening commits a transaction to the output (which only a
     * producer with transactions initialised can) and subscribes to the input, which stays empty;
     * each round polls and takes a wake-up in stride, as AnalysisLoop does.
     */
    private class Recording implements LoopLifecycle.Body {
        @Override
        public void open(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            loopConsumer.set(consumer);
            loopProducer.set(producer);
            producer.beginTransaction();
            producer.send(record("opened"));
            producer.commitTransaction();
            consumer.subscribe(List.of(input));
            calls.add(OPENED);
        }

        @Override
        public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            roundsStarted.incrementAndGet();
            try {
                consumer.poll(Duration.ofMillis(50));
            } catch (WakeupException e) {
                wakeUps.incrementAndGet();
            }
            roundsEnded.incrementAndGet();
        }

        @Override
        public void stopping(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            calls.add("stopping, subscribed to " + consumer.subscription());
        }
    }

    @BeforeEach
    void createTopics(TestInfo test) throws Exception {
        input = "loop-" + test.getTestMethod().orElseThrow().getName();
        output = input + "-out";
        try (Admin admin = Admin.create(settings().adminProps())) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsRoundsUntilClosedThenLetsTheBodyFinishAndClosesTheClients() {
        LoopLifecycle loop = lifecycle(new Recording());
        assertThat(loop.isRunning()).isFalse();

        loop.start();
        await().atMost(TIMEOUT).until(() -> roundsEnded.get() >= 3);
        assertThat(loop.isRunning()).isTrue();
        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).containsExactly(OPENED, "stopping, subscribed to [" + input + "]");
        assertCommitted("opened");
        assertClientsClosed();
    }

    @Test
    void closeWakesAConsumerWaitingInACallAndAWakeUpTheBodyLetsThroughStopsTheLoop() {
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                roundsStarted.incrementAndGet();
                try {
                    while (true) {
                        consumer.poll(Duration.ofMinutes(1)); // until woken: the input stays empty
                    }
                } catch (WakeupException e) {
                    calls.add("woken");
                    throw e;
                }
            }
        });
        loop.start();
        await().atMost(TIMEOUT).until(() -> roundsStarted.get() >= 1);

        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).containsExactly(OPENED, "woken"); // a woken call ends the loop where it stood
        assertClientsClosed();
    }

    @Test
    void wakeUpInterruptsTheConsumersCallWithoutStoppingTheLoop() {
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                roundsStarted.incrementAndGet();
                try {
                    consumer.poll(Duration.ofMinutes(1)); // until woken: the input stays empty
                } catch (WakeupException e) {
                    wakeUps.incrementAndGet();
                }
                roundsEnded.incrementAndGet();
            }
        });
        loop.start();
        await().atMost(TIMEOUT).until(() -> roundsStarted.get() >= 1);

        loop.wakeUp();

        await().atMost(TIMEOUT).until(() -> roundsStarted.get() >= 2); // the woken round ended, the next began
        assertThat(wakeUps).hasValue(1);
        assertThat(roundsEnded).hasValue(1);
        assertThat(loop.isRunning()).isTrue();
        loop.close();
        assertThat(calls).containsExactly(OPENED, "stopping, subscribed to [" + input + "]");
        assertClientsClosed();
    }

    @Test
    void aFencedProducerStopsTheLoop() throws Exception {
        AtomicBoolean fenced = new AtomicBoolean();
        List<KafkaException> failures = new CopyOnWriteArrayList<>();
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                super.round(consumer, producer);
                if (!fenced.get()) {
                    return;
                }
                // As TransactionalConsumerLoop does: a fence ends the round, another error aborts the transaction.
                try {
                    producer.beginTransaction();
                    producer.send(record("after the fence"));
                    producer.commitTransaction();
                } catch (ProducerFencedException e) {
                    failures.add(e);
                    throw e;
                } catch (KafkaException e) {
                    failures.add(e); // with transactions v2, the old epoch's send fails first (abortable)
                    try {
                        producer.abortTransaction();
                    } catch (KafkaException abort) {
                        failures.add(abort);
                        throw abort;
                    }
                }
            }
        });
        loop.start();
        await().atMost(TIMEOUT).until(() -> roundsEnded.get() >= 1);

        // A newer instance with the same transactional id initialises transactions: the loop's producer is fenced.
        try (KafkaProducer<byte[], byte[]> newer = new KafkaProducer<>(settings().transactionalProducerProps(id()))) {
            newer.initTransactions();
        }
        fenced.set(true);

        await().atMost(TIMEOUT).until(() -> !loop.isRunning());
        assertThat(failures).last().isInstanceOf(ProducerFencedException.class);
        assertThat(calls).containsExactly(OPENED); // not stopping: an error stopped it
        assertCommitted("opened");
        assertClientsClosed();
        loop.close(); // returns at once: the thread has ended
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void anUnexpectedErrorStopsTheLoopAndHealthSaysSo() {
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                calls.add("failing");
                throw new IllegalStateException("bug");
            }
        });

        loop.start();
        await().atMost(TIMEOUT).until(() -> calls.contains("failing") && !loop.isRunning());

        assertThat(calls).containsExactly(OPENED, "failing");
        assertClientsClosed();
        loop.close(); // returns at once: the thread has ended
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void startsOnceAndClosesWithoutHavingStarted() {
        LoopLifecycle never = lifecycle(new Recording());
        never.close();
        assertThat(never.isRunning()).isFalse();

        LoopLifecycle loop = lifecycle(new Recording());
        loop.start();
        try {
            assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("test-loop already started");
        } finally {
            loop.close();
        }
        assertThat(loop.isRunning()).isFalse();
    }

    private LoopLifecycle lifecycle(LoopLifecycle.Body body) {
        return LoopLifecycle.transactional("test-loop", settings(), settings().consumerProps(input + "-group"), id(),
                PipelineMetrics.none("test"), body);
    }

    private String id() {
        return input + "-loop";
    }

    /** Once the loop has ended, its clients refuse work because they are closed (not because another thread holds them). */
    private void assertClientsClosed() {
        assertThat(loopConsumer.get()).isNotNull();
        assertThatThrownBy(() -> loopConsumer.get().poll(Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> loopProducer.get().beginTransaction())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** The loop's output holds {@code values}, committed (its commit markers may land a moment after the commit). */
    private void assertCommitted(String... values) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(committed()).containsExactly(values));
    }

    private List<String> committed() {
        List<String> values = new ArrayList<>();
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(settings().consumerProps(output + "-reader"),
                List.of(output), TIMEOUT, MissingTopic.FAIL)) {
            assertThat(reader.readToEnd(TIMEOUT, r -> values.add(new String(r.value(), StandardCharsets.UTF_8))))
                    .isTrue();
        }
        return values;
    }

    private ProducerRecord<byte[], byte[]> record(String value) {
        return new ProducerRecord<>(output, value.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaSettings settings() {
        return broker.settings();
    }
}
