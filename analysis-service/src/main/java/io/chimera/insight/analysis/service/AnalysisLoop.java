package io.chimera.insight.analysis.service;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.platform.kafka.DeadLetters;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaFailures;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.kafka.loop.LoopLifecycle;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.llm.LlmFailures;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis service's consume-analyse-produce loop, with several analyses in flight.
 *
 * <p>Unlike the one-record-at-a-time {@code TransactionalConsumerLoop} (which report uses), this
 * loop never blocks on an LLM call: it reads requests, hands them to the worker pool through
 * {@link ModelLanes} (one analysis per model at a time, newer requests superseding older), and
 * publishes each result when it completes, together with the partition's safe commit point
 * ({@link OpenOffsets}) in one Kafka transaction. A request whose offset is committed has its final
 * result published; nothing is committed past a request still waiting, running or parked for retry.
 *
 * <p>When no worker answers, the LLM_UNAVAILABLE result is published at once (the report shows the
 * facts, narrative pending) and the request is parked and analysed again after an exponential,
 * jittered backoff, or as soon as a worker's probe succeeds; its offset stays uncommitted, so a
 * restart re-reads it. Shutdown abandons parked retries without waiting for them.
 *
 * <p>A transaction is committed through {@link LoopLifecycle#commit}: when the cluster refuses it (a
 * result too large) or it failed too often, the requests whose final results it held are
 * dead-lettered with the reason, with the dead letters it held, and their offsets committed; a
 * failure that may pass waits the backoff, then everything in hand is re-read from the committed
 * offsets.
 *
 * <p>Backpressure: once the requests held outside the pool (ready to run, parked) reach
 * {@link AnalysisServiceSettings#maxHeldRequests()}, every assigned partition is paused until they
 * drop below it. Pool threads only append completions to a queue and wake the consumer; all state
 * is confined to the loop thread. The thread, the clients, stopping and fencing are
 * {@link LoopLifecycle}'s, as for the {@code TransactionalConsumerLoop}.
 */
final class AnalysisLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalysisLoop.class);
    private static final String STAGE = "analysis";
    private static final long MAX_POLL_MILLIS = 500;
    /** How long a request waits for {@code config-metrics} to be read to its end before the round is retried. */
    private static final Duration CONFIGS_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final Analyst analyst;
    private final AnalysisServiceSettings pacing;
    private final IntervalFunction retryBackoff;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean retryParkedNow = new AtomicBoolean();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger peakHeld = new AtomicInteger();
    private final LoopLifecycle lifecycle;
    /** The requests' configurations (read on the loop thread only). */
    private final ConfigMetricsView configs;

    // Loop-thread state.
    private final ModelLanes lanes = new ModelLanes();
    private final Map<TopicPartition, OpenOffsets> offsets = new HashMap<>();
    private Outbox outbox;
    /** What the outbox holds, for dead-lettering it: the requests whose final result it carries, its dead letters. */
    private final List<PendingAnalysis> resultsQueued = new ArrayList<>();
    private final List<DeadLetter> deadLettersQueued = new ArrayList<>();
    private Producer<byte[], byte[]> producer;
    private final PipelineMetrics metrics;

    AnalysisLoop(String name, KafkaContext kafka, String groupId, Analyst analyst, AnalysisServiceSettings pacing,
                 Clock clock, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.name = name;
        KafkaSettings settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
        this.analyst = analyst;
        this.pacing = pacing;
        this.clock = clock;
        this.retryBackoff = IntervalFunction.ofExponentialRandomBackoff(pacing.retryInitial(), 2.0, 0.5,
                pacing.retryMax());
        this.outbox = new Outbox(names, serdes);
        this.configs = ConfigMetricsView.of(kafka, name + "-configs");
        Properties consumerProps = settings.groupMemberProps(groupId);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(pacing.maxPollRecords()));
        this.lifecycle = LoopLifecycle.transactional(name, settings, consumerProps,
                groupId + "-" + names.of(Topics.ANALYSIS_REQUESTS), metrics, new Rounds());
        analyst.pool().onWorkerAvailable(() -> {
            retryParkedNow.set(true);
            wakeUp();
        });
    }

    void start() {
        lifecycle.start();
    }

    boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** See {@link LoopLifecycle#health}. */
    ServiceHealth health() {
        return lifecycle.health();
    }

    /** Requests held outside the worker pool now (ready to run or parked for a retry). */
    int held() {
        return held.get();
    }

    /** The most requests ever held outside the worker pool at once. */
    int peakHeld() {
        return peakHeld.get();
    }

    /** Subscribes with {@link Rebalance}; each round reads, then publishes, starts and commits what it can. */
    private final class Rounds implements LoopLifecycle.Body {
        @Override
        public void open(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> kafkaProducer) {
            producer = kafkaProducer;
            consumer.subscribe(List.of(names.of(Topics.ANALYSIS_REQUESTS)), new Rebalance(consumer));
        }

        @Override
        public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> kafkaProducer) {
            try {
                ConsumerRecords<byte[], byte[]> polled = poll(consumer);
                // The configurations a request brings are often fetched by now (see ConfigMetricsView).
                configs.takeFetched();
                acceptAll(polled);
                step(consumer);
            } catch (RuntimeException e) {
                if (!KafkaFailures.isDependencyUnavailable(e)) {
                    throw e;
                }
                // No request is at fault: wait, drop what is in hand uncommitted, and read it all again.
                lifecycle.waitForDependency(e);
                outbox = new Outbox(names, serdes);
                resultsQueued.clear();
                deadLettersQueued.clear();
                rewind(consumer);
            }
        }

        /**
         * Publishes and commits what finished; parked retries and running calls are abandoned
         * uncommitted, so the next start analyses them again.
         */
        @Override
        public void stopping(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> kafkaProducer) {
            drainCompletions();
            commit(consumer);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll(Consumer<byte[], byte[]> kafkaConsumer) {
        long untilRetry = lanes.nextRetryAtMillis() - clock.millis();
        long timeout = Math.max(0, Math.min(MAX_POLL_MILLIS, untilRetry));
        try {
            return kafkaConsumer.poll(Duration.ofMillis(timeout));
        } catch (WakeupException e) {
            return ConsumerRecords.empty(); // a completion, a recovered worker, or close()
        }
    }

    private void step(Consumer<byte[], byte[]> kafkaConsumer) {
        drainCompletions();
        lanes.releaseParked(clock.millis(), retryParkedNow.getAndSet(false));
        startReady();
        commit(kafkaConsumer);
        throttle(kafkaConsumer);
    }

    /**
     * Takes a poll's requests, handing each to the pool as soon as its prompt is built: the first
     * call of a burst no longer waits for the prompts of the requests behind it in the poll (up to
     * {@code maxPollRecords} of them), and the loop thread builds the next prompt while the worker
     * already generates. A model with a newer request further on in the poll is held back until
     * that one is read, so within a poll only a model's newest request runs, as when the whole poll
     * was prepared first.
     */
    private void acceptAll(ConsumerRecords<byte[], byte[]> polled) {
        if (polled.isEmpty()) {
            return;
        }
        List<Decoded> decoded = new ArrayList<>(polled.count());
        for (ConsumerRecord<byte[], byte[]> raw : polled) {
            Decoded request = decode(raw);
            if (request != null) {
                decoded.add(request);
            }
        }
        Map<String, Integer> laterInPoll = new HashMap<>();
        decoded.forEach(request -> laterInPoll.merge(request.model(), 1, Integer::sum));
        for (Decoded request : decoded) {
            laterInPoll.computeIfPresent(request.model(), (model, left) -> left == 1 ? null : left - 1);
            accept(request);
            startReady(model -> !laterInPoll.containsKey(model));
        }
    }

    /** A consumed request, decoded; its offset is open until it is finished. */
    private record Decoded(ConsumerRecord<byte[], byte[]> raw, OpenOffsets open, AnalysisRequest request) {
        String model() {
            return request.getModel();
        }
    }

    /** The request {@code raw} holds, its offset opened; {@code null} for a tombstone or a dead letter. */
    private Decoded decode(ConsumerRecord<byte[], byte[]> raw) {
        TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
        OpenOffsets open = offsets.computeIfAbsent(partition, p -> new OpenOffsets());
        open.opened(raw.offset());
        try {
            String key = serdes.key().deserializer().deserialize(raw.topic(), raw.key());
            AnalysisRequest request = serdes.value(Topics.ANALYSIS_REQUESTS).deserializer()
                    .deserialize(raw.topic(), raw.value());
            if (request == null) {
                open.closed(raw.offset()); // a tombstone asks for nothing
                return null;
            }
            if (request.getModel().isEmpty()) {
                request.setModel(key == null ? "" : key);
            }
            return new Decoded(raw, open, request);
        } catch (RuntimeException e) {
            deadLetter(raw, open, e);
            return null;
        }
    }

    /** Completes the request's configurations, builds its prompt and puts it in its model's lane. */
    private void accept(Decoded decoded) {
        ConsumerRecord<byte[], byte[]> raw = decoded.raw();
        AnalysisRequest request = decoded.request();
        try {
            if (request.getMetrics() != null) {
                // The prompt and the verifier see every configuration: read from config-metrics, which the
                // aggregation committed with this request (see ConfigMetricsView).
                request.setMetrics(configs.complete(request.getMetrics(), CONFIGS_WAIT).metrics());
            }
            TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
            PendingAnalysis pending = new PendingAnalysis(partition, raw.offset(), analyst.prepare(request));
            for (PendingAnalysis superseded : lanes.offer(pending)) {
                log.debug("{}: {} superseded by the newer request at offset {}", name, superseded, raw.offset());
                close(superseded);
            }
        } catch (RuntimeException e) {
            deadLetter(raw, decoded.open(), e);
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> raw, OpenOffsets open, RuntimeException e) {
        if (KafkaFailures.isDependencyUnavailable(e)) {
            throw e; // not the request's fault: the round reads it again (see Rounds.round)
        }
        String source = DeadLetters.sourceOf(raw);
        log.warn("{}: dead-lettering {}: {}", name, source, e.getMessage());
        queueDeadLetter(DeadLetters.ofRecord(STAGE, raw, e));
        open.closed(raw.offset());
    }

    private void startReady() {
        startReady(model -> true);
    }

    /** Hands ready requests of the models {@code mayStart} accepts to the pool while it has room. */
    private void startReady(Predicate<String> mayStart) {
        while (analyst.pool().hasRoom()) {
            PendingAnalysis next = lanes.startNext(mayStart);
            if (next == null) {
                return;
            }
            try {
                analyst.analyse(next.prepared(), next.attempts()).whenComplete((outcome, error) -> {
                    completions.add(new Completion(next, outcome, error));
                    wakeUp();
                });
            } catch (RejectedExecutionException closing) {
                // Only a closed pool refuses after hasRoom(): we are shutting down; leave it uncommitted.
                lanes.finish(next);
                return;
            }
        }
    }

    private void drainCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            finish(completion);
        }
    }

    private void finish(Completion completion) {
        PendingAnalysis pending = completion.pending();
        if (!lanes.finish(pending)) {
            return; // its partition was revoked or the loop rewound: the new owner analyses it again
        }
        if (completion.error() != null) {
            queueDeadLetter(deadLetter(pending, completion.error()));
            close(pending);
            return;
        }
        AnalysisOutcome outcome = completion.outcome();
        AnalysisResult result = outcome.result();
        if (!outcome.workerUnavailable()) {
            outbox.send(Topics.ANALYSIS_RESULTS, pending.model(), result);
            resultsQueued.add(pending);
            close(pending);
            if (pending.unavailableRounds() > 0) {
                log.info("{}: {} analysed after {} round(s) without a worker", name, pending.model(),
                        pending.unavailableRounds());
            }
            return;
        }
        long delay = retryBackoff.apply(pending.unavailableRounds() + 1);
        pending.unavailableRound(outcome.attempts(), clock.millis() + delay);
        if (!lanes.park(pending)) {
            close(pending); // a newer request for the model is waiting and will publish its own result
            return;
        }
        if (!pending.unavailablePublished()) {
            outbox.send(Topics.ANALYSIS_RESULTS, pending.model(), result);
            pending.markUnavailablePublished();
        }
        log.info("{}: no narrative for {}: {} ({}); trying again in {} ms or when a worker comes back", name,
                pending.model(), LlmFailures.explain(result.getFailureKind(), result.getFailureDetail()),
                result.getError(), delay);
    }

    private void queueDeadLetter(DeadLetter letter) {
        outbox.send(Topics.DEAD_LETTERS, letter.getSource(), letter);
        deadLettersQueued.add(letter);
    }

    private static DeadLetter deadLetter(PendingAnalysis pending, Throwable error) {
        String source = pending.partition() + "@" + pending.offset();
        return DeadLetters.of(STAGE, source, pending.model(), error, "");
    }

    private void close(PendingAnalysis pending) {
        OpenOffsets open = offsets.get(pending.partition());
        if (open != null) {
            open.closed(pending.offset());
        }
    }

    private void commit(Consumer<byte[], byte[]> kafkaConsumer) {
        Map<TopicPartition, OffsetAndMetadata> advanced = new HashMap<>();
        offsets.forEach((partition, open) -> open.advance()
                .ifPresent(point -> advanced.put(partition, new OffsetAndMetadata(point))));
        if (outbox.isEmpty() && advanced.isEmpty()) {
            return;
        }
        Outbox sending = outbox;
        List<PendingAnalysis> results = List.copyOf(resultsQueued);
        List<DeadLetter> letters = List.copyOf(deadLettersQueued);
        outbox = new Outbox(names, serdes);
        resultsQueued.clear();
        deadLettersQueued.clear();
        LoopLifecycle.Commit commit = lifecycle.commit(producer, sending.records(), advanced,
                kafkaConsumer.groupMetadata());
        if (commit == LoopLifecycle.Commit.DEAD_LETTER) {
            // The results are refused for good: their requests become dead letters, and their offsets go.
            Outbox instead = new Outbox(names, serdes);
            letters.forEach(letter -> instead.send(Topics.DEAD_LETTERS, letter.getSource(), letter));
            for (PendingAnalysis pending : results) {
                log.warn("{}: dead-lettering {}: its result could not be committed: {}", name, pending,
                        lifecycle.lastError().getMessage());
                DeadLetter letter = deadLetter(pending, lifecycle.lastError());
                instead.send(Topics.DEAD_LETTERS, letter.getSource(), letter);
            }
            sending = instead;
            commit = lifecycle.commitDeadLetters(producer, sending.records(), advanced, kafkaConsumer.groupMetadata())
                    ? LoopLifecycle.Commit.COMMITTED : LoopLifecycle.Commit.RETRY;
        }
        if (commit == LoopLifecycle.Commit.COMMITTED) {
            metrics.deadLetters(sending.deadLetterStages());
            advanced.forEach((partition, point) -> offsets.get(partition).committed(point.offset()));
        } else {
            log.warn("{}: re-reading from the committed offsets", name);
            rewind(kafkaConsumer);
        }
    }

    /** Forgets everything in hand and re-reads from the committed offsets: nothing of it became visible. */
    private void rewind(Consumer<byte[], byte[]> kafkaConsumer) {
        Set<TopicPartition> assigned = kafkaConsumer.assignment();
        lanes.forget(pending -> true);
        offsets.clear();
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(kafkaConsumer, assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata point = committed.get(partition);
            if (point == null) {
                kafkaConsumer.seekToBeginning(List.of(partition));
            } else {
                kafkaConsumer.seek(partition, point.offset());
            }
        }
    }

    /** A completion may wake the consumer at any time; only close() should end this call. */
    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Consumer<byte[], byte[]> kafkaConsumer,
                                                                    Set<TopicPartition> partitions) {
        while (true) {
            try {
                return kafkaConsumer.committed(partitions);
            } catch (WakeupException e) {
                if (!lifecycle.isRunning()) {
                    throw e;
                }
            }
        }
    }

    private void throttle(Consumer<byte[], byte[]> kafkaConsumer) {
        int now = lanes.held();
        held.set(now);
        peakHeld.accumulateAndGet(now, Math::max);
        if (now >= pacing.maxHeldRequests()) {
            kafkaConsumer.pause(kafkaConsumer.assignment());
        } else if (!kafkaConsumer.paused().isEmpty()) {
            kafkaConsumer.resume(kafkaConsumer.paused());
        }
    }

    private void wakeUp() {
        lifecycle.wakeUp();
    }

    /** Stops reading, publishes and commits what has finished; waits up to 30 s. */
    @Override
    public void close() {
        lifecycle.close();
        configs.close(); // after the loop: it reads the view
    }

    /** Publishes what finished for partitions about to go, then forgets them; a new owner re-reads the rest. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<byte[], byte[]> consumer;

        Rebalance(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                drainCompletions();
                commit(consumer);
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positions come from the committed offsets; nothing to restore.
        }

        private void forget(Collection<TopicPartition> partitions) {
            lanes.forget(pending -> partitions.contains(pending.partition()));
            offsets.keySet().removeAll(partitions);
        }
    }

    /** A pool thread's report that an analysis finished. */
    private record Completion(PendingAnalysis pending, AnalysisOutcome outcome, Throwable error) {
    }
}
