package io.chimera.insight.platform.kafka.loop;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.ops.KafkaMeters;
import io.chimera.insight.platform.ops.PipelineMetrics;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a consume-transform-produce loop, written once for the loops built on it (the
 * platform's {@code TransactionalConsumerLoop}, analysis' {@code AnalysisLoop}); what a loop does
 * with its records is its {@link Body}.
 *
 * <p>{@link #start} runs the loop on a thread of its own, which makes a consumer and a transactional
 * producer, binds their meters, initialises transactions (fencing an older instance with the same
 * transactional id), lets the body subscribe, then runs the body's rounds while the loop runs.
 * {@link #close} ends it: no further round starts, a consumer blocked in a call is woken, and the
 * caller waits up to 30 s. A fenced or unauthorised producer, or one whose sequence broke, stops the
 * loop with its reason logged; any other exception stops it with its stack trace; either way
 * {@link #isRunning} says so (health). The clients and their meters close with the thread.
 */
public final class LoopLifecycle {

    /** What a loop does with its clients. Every call runs on the loop's thread. */
    public interface Body {

        /** The clients are ready (meters bound, transactions initialised): subscribe. */
        void open(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer);

        /** One round of work (poll, handle, commit), called again as long as the loop runs. */
        void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer);

        /** After the last round of a loop that {@link #close} stopped (not one an error stopped). */
        default void stopping(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LoopLifecycle.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final String name;
    private final Properties consumerProps;
    private final Properties producerProps;
    private final PipelineMetrics metrics;
    private final Body body;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    private LoopLifecycle(String name, Properties consumerProps, Properties producerProps, PipelineMetrics metrics,
                          Body body) {
        this.name = name;
        this.consumerProps = consumerProps;
        this.producerProps = producerProps;
        this.metrics = metrics;
        this.body = body;
    }

    /**
     * A loop reading with {@code consumerProps} and writing in transactions under {@code transactionalId}.
     *
     * @param name    the thread's name, and the loop's in log lines
     * @param metrics where the clients' own meters are bound while they live
     */
    public static LoopLifecycle transactional(String name, KafkaSettings settings, Properties consumerProps,
                                              String transactionalId, PipelineMetrics metrics, Body body) {
        return new LoopLifecycle(name, consumerProps, settings.transactionalProducerProps(transactionalId), metrics,
                body);
    }

    /** Starts the loop on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.start();
    }

    /** Started, not closed, and not stopped by an error. */
    public boolean isRunning() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    /** Wakes the consumer if it waits in a call (a poll): another thread has work for the loop, or it stops. */
    public void wakeUp() {
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        KafkaMeters.Binding meters = KafkaMeters.Binding.NONE;
        // The producer closes first, then the consumer (whose revocation callbacks still see it).
        try (Consumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProps);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            meters = KafkaMeters.bind(metrics, kafkaConsumer, producer);
            producer.initTransactions();
            consumer = kafkaConsumer;
            body.open(kafkaConsumer, producer);
            while (running) {
                body.round(kafkaConsumer, producer);
            }
            body.stopping(kafkaConsumer, producer);
        } catch (WakeupException e) {
            // close() woke a consumer call the body does not expect to be woken: a normal stop
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            log.error("{} stopped: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", name, e);
        } finally {
            meters.close();
            running = false;
            consumer = null;
            stopped.countDown();
        }
    }

    /** Stops the loop after the round in hand (and {@link Body#stopping}); waits up to 30 s. */
    public void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                if (!stopped.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("{} did not stop within {} s", name, CLOSE_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
