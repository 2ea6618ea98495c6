package io.chimera.insight.platform.kafka.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.ops.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class LoopLifecycleTest {

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch rounds = new CountDownLatch(3);
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final CountDownLatch woken = new CountDownLatch(1);

    /** Records what the lifecycle calls; each round polls and takes a wake-up in stride, as AnalysisLoop does. */
    private class Recording implements LoopLifecycle.Body {
        @Override
        public void open(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            calls.add("open, transactions initialised: " + LoopLifecycleTest.this.producer.transactionInitialized());
            consumer.subscribe(List.of("input"));
        }

        @Override
        public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            try {
                consumer.poll(Duration.ofMillis(10));
            } catch (WakeupException e) {
                wakeUps.incrementAndGet();
                woken.countDown();
            }
            rounds.countDown();
        }

        @Override
        public void stopping(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            calls.add("stopping");
        }
    }

    private LoopLifecycle lifecycle(LoopLifecycle.Body body) {
        return new LoopLifecycle("test-loop", () -> consumer, () -> producer, PipelineMetrics.none("test"), body);
    }

    @Test
    void runsRoundsUntilClosedThenLetsTheBodyFinishAndClosesTheClients() throws InterruptedException {
        LoopLifecycle loop = lifecycle(new Recording());
        assertThat(loop.isRunning()).isFalse();

        loop.start();
        assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.isRunning()).isTrue();
        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).containsExactly("open, transactions initialised: true", "stopping");
        assertThat(consumer.subscription()).containsExactly("input");
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void closeWakesAConsumerWaitingInACallAndAWakeUpTheBodyLetsThroughStopsTheLoop() throws InterruptedException {
        CountDownLatch polling = new CountDownLatch(1);
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                polling.countDown();
                while (true) {
                    consumer.poll(Duration.ofMillis(10)); // until woken
                }
            }
        });
        loop.start();
        assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();

        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).doesNotContain("stopping"); // a woken call ends the loop where it stood
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void wakeUpInterruptsTheConsumersCallWithoutStoppingTheLoop() throws InterruptedException {
        LoopLifecycle loop = lifecycle(new Recording());
        loop.start();
        assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();

        loop.wakeUp();

        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wakeUps).hasValue(1);
        assertThat(loop.isRunning()).isTrue();
        loop.close();
        assertThat(calls).contains("stopping");
    }

    @Test
    void aFencedProducerStopsTheLoopBeforeItReads() throws InterruptedException {
        producer.initTransactionException = new ProducerFencedException("a newer instance took the transactional id");
        LoopLifecycle loop = lifecycle(new Recording());

        loop.start();
        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).isEmpty();
        assertThat(rounds.getCount()).isEqualTo(3);
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void anUnexpectedErrorStopsTheLoopAndHealthSaysSo() throws InterruptedException {
        CountDownLatch failed = new CountDownLatch(1);
        LoopLifecycle loop = lifecycle(new Recording() {
            @Override
            public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
                failed.countDown();
                throw new IllegalStateException("bug");
            }
        });

        loop.start();
        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loop.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(loop.isRunning()).isFalse();
        assertThat(calls).doesNotContain("stopping");
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
        loop.close(); // returns at once: the thread has ended
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
    }
}
