package io.chimera.insight.platform.kafka.loop;

import io.chimera.insight.platform.kafka.KafkaFailures;
import io.chimera.insight.platform.kafka.Transactions;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.RetryPolicy;
import io.chimera.insight.platform.ops.KafkaMeters;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.FatalErrors;
import io.chimera.insight.platform.service.ServiceHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
 * {@link #isRunning} says so (health). Nothing restarts a stopped loop, so that, and an
 * {@link Error} on its thread, is a {@linkplain FatalErrors fatal error}: the CLI's process ends
 * (as the liveness probe would have it restarted), a test's only logs it. The clients and their
 * meters close with the thread.
 *
 * <p>Bodies commit through {@link #commit}, which applies one rule to a transaction that fails
 * (see {@link KafkaFailures}): when retrying cannot fix it (an output record too large) it says
 * {@link Commit#DEAD_LETTER} at once, and the body dead-letters the inputs of that transaction with
 * the reason and goes on; otherwise it waits the {@link RetryPolicy}'s growing delay and says
 * {@link Commit#RETRY} (the body re-reads the inputs), up to the policy's attempts, after which it
 * says {@link Commit#DEAD_LETTER} too. While transactions keep failing, {@link #health} says
 * DEGRADED.
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

    /** What became of a transaction {@link #commit} tried. */
    public enum Commit {
        /** Committed. */
        COMMITTED,
        /** Aborted for a reason that may pass, after waiting the backoff: re-read the inputs and try again. */
        RETRY,
        /** Aborted, and retrying cannot fix it (or was tried enough): dead-letter the inputs, with {@link #lastError}. */
        DEAD_LETTER
    }

    private static final Logger log = LoggerFactory.getLogger(LoopLifecycle.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final String name;
    private final Properties consumerProps;
    private final Properties producerProps;
    private final PipelineMetrics metrics;
    private final Body body;
    private final RetryPolicy retry;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private int failures; // transactions failed in a row; loop thread only
    private volatile Throwable lastError;
    private volatile int failing; // the same, for health
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    private LoopLifecycle(String name, Properties consumerProps, Properties producerProps, PipelineMetrics metrics,
                          RetryPolicy retry, Body body) {
        this.retry = retry;
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
                RetryPolicy.LOOPS, body);
    }

    /**
     * Sends {@code records} and commits {@code offsets} in one transaction (see the class comment for
     * what a failure does). A fenced, out-of-sequence or unauthorised producer is thrown: it stops
     * the loop.
     */
    public Commit commit(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records,
                         Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        Optional<Throwable> refused = Transactions.commit(producer, records, offsets, group);
        if (refused.isPresent()) {
            producer.abortTransaction();
            return failed(refused.get());
        }
        if (failures > 0) {
            log.info("{}: a transaction committed after {} failed", name, failures);
        }
        failures = 0;
        failing = 0;
        return Commit.COMMITTED;
    }

    /**
     * Commits the dead letters that stand for inputs whose outputs were refused, with the inputs'
     * offsets. When even that fails, it waits the backoff whatever the reason (a dead letter refused
     * too must not make the loop spin) and returns false: the body re-reads the inputs.
     */
    public boolean commitDeadLetters(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> letters,
                                     Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        Commit commit = commit(producer, letters, offsets, group);
        if (commit == Commit.DEAD_LETTER) {
            backOff(retry.delayAfter(failures, Math::random));
        }
        return commit == Commit.COMMITTED;
    }

    private Commit failed(Throwable cause) {
        failures++;
        failing = failures;
        lastError = cause;
        if (KafkaFailures.isPermanent(cause)) {
            log.warn("{}: transaction refused ({}); dead-lettering its inputs", name, cause.getMessage());
            return Commit.DEAD_LETTER;
        }
        if (retry.exhausted(failures)) {
            log.warn("{}: {} transactions failed in a row ({}); dead-lettering the inputs of this one", name,
                    failures, cause.getMessage());
            return Commit.DEAD_LETTER;
        }
        Duration delay = retry.delayAfter(failures, Math::random);
        log.warn("{}: transaction failed ({}); retrying in {} ms", name, cause.getMessage(), delay.toMillis());
        backOff(delay);
        return Commit.RETRY;
    }

    /**
     * Waits the backoff after a round that could not go on for a reason outside the records (the
     * schema registry unavailable, a topic read whole not read to its end:
     * {@link KafkaFailures#isDependencyUnavailable}); the body then reads
     * the same records again. Counted with failed transactions, so {@link #health} says DEGRADED
     * with the reason until a transaction commits, but never exhausted into dead letters: the records
     * are not at fault.
     */
    public void waitForDependency(Throwable cause) {
        failures++;
        failing = failures;
        lastError = cause;
        Duration delay = retry.delayAfter(failures, Math::random);
        log.warn("{}: {}; reading the same records again in {} ms", name, cause.getMessage(), delay.toMillis());
        backOff(delay);
    }

    /** Waits {@code delay}, or less when the loop is closed meanwhile. */
    private void backOff(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Why the last transaction failed; what a body dead-letters its inputs with after {@link Commit#DEAD_LETTER}. */
    public Throwable lastError() {
        return lastError;
    }

    /**
     * DOWN when not {@linkplain #isRunning running}; DEGRADED while its last transactions failed (how
     * many, and the last error); else UP.
     */
    public ServiceHealth health() {
        if (!isRunning()) {
            return ServiceHealth.down(name + " stopped");
        }
        int now = failing;
        if (now == 0) {
            return ServiceHealth.UP;
        }
        Throwable error = lastError;
        return ServiceHealth.degraded(name + ": " + now + (now == 1 ? " transaction" : " transactions")
                + " failed in a row, retried with backoff; last error: " + (error == null ? "" : error.getMessage()));
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
        Error reported = null;
        // The producer closes first, then the consumer (whose revocation callbacks still see it).
        try (Consumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProps);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            try {
                meters = KafkaMeters.bind(metrics, kafkaConsumer, producer);
                producer.initTransactions();
                consumer = kafkaConsumer;
                body.open(kafkaConsumer, producer);
                while (running) {
                    body.round(kafkaConsumer, producer);
                }
                body.stopping(kafkaConsumer, producer);
            } catch (Error e) {
                // Reported before the clients close: after an out-of-memory error closing a producer
                // may wait forever. And before isRunning turns false, so that a command watching its
                // services sees the fatal error rather than a service that merely stopped.
                reported = e;
                FatalErrors.fatal("thread " + name, e);
                throw e;
            }
        } catch (WakeupException e) {
            // close() woke a consumer call the body does not expect to be woken: a normal stop
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            stoppedForGood(e.getClass().getSimpleName(), e.getMessage(), null);
        } catch (RuntimeException e) {
            stoppedForGood("an unexpected " + e.getClass().getName(), String.valueOf(e.getMessage()), e);
        } catch (Error e) {
            if (e != reported) { // closing the clients failed so
                FatalErrors.fatal("thread " + name, e);
            }
        } finally {
            meters.close();
            running = false;
            consumer = null;
            stopped.countDown();
        }
    }

    /** The loop ended on an exception: fatal, unless {@link #close} had asked it to stop (then it only failed to stop cleanly). */
    private void stoppedForGood(String what, String message, Throwable cause) {
        if (closing.getCount() == 0) {
            log.error("{} failed while stopping: {}: {}", name, what, message, cause);
        } else {
            FatalErrors.fatal(what + " stopped the loop for good", name, message, cause);
        }
    }

    /** Stops the loop after the round in hand (and {@link Body#stopping}); waits up to 30 s. */
    public void close() {
        running = false;
        closing.countDown();
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
