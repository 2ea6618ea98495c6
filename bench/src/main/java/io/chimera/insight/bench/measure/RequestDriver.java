package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Drives the analysis service from the outside: puts analysis requests on its input topic the
 * way the aggregation would, and reads its results back with the moment each was seen.
 */
final class RequestDriver implements AutoCloseable {

    /** A result and when the driver read it. */
    record Seen(AnalysisResult result, Instant at) {
    }

    /**
     * The longest one poll for results waits. A poll returns as soon as a result is fetched, so this
     * only sets how often the deadline is checked; at 5 ms the bench's thread woke some 200 times a
     * second while the service worked on the request the latency measure times, on the same cores.
     */
    private static final Duration RESULTS_POLL = Duration.ofMillis(100);

    private final BenchPipeline pipeline;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicSnapshotReader results;
    private final String requestsTopic;
    private final String resultsTopic;
    private final String configsTopic;
    /** Publishes the replayed models' configurations; opened on first use. */
    private KafkaProducer<byte[], byte[]> configs;
    /** Writes a request with its configurations in one transaction, as the aggregation does; opened on first use. */
    private KafkaProducer<byte[], byte[]> emissions;

    RequestDriver(BenchPipeline pipeline) {
        this.pipeline = pipeline;
        Properties producerProps = pipeline.settings().producerProps("bench-request-driver");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // a request goes out at once
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, aggregationCompression(pipeline));
        this.producer = new KafkaProducer<>(producerProps);
        this.requestsTopic = pipeline.names().of(Topics.ANALYSIS_REQUESTS);
        this.resultsTopic = pipeline.names().of(Topics.ANALYSIS_RESULTS);
        this.configsTopic = pipeline.names().of(Topics.CONFIG_METRICS);
        producer.partitionsFor(requestsTopic);
        this.results = TopicSnapshotReader.open(pipeline.settings().consumerProps("bench-result-reader"),
                List.of(resultsTopic), Duration.ofSeconds(30), MissingTopic.FAIL);
        results.skipToEnd(); // only later results count
    }

    /**
     * Puts {@code template}'s configurations on {@code config-metrics} under {@code model}, as the
     * aggregation publishes a model's configurations before its request, so that a request made by
     * {@link #copyFor} for {@code model} finds them there. Returns once the broker has them all.
     */
    void publishConfigs(RequestTemplate template, String model) {
        if (configs == null) {
            configs = new KafkaProducer<>(configProducerProps(pipeline));
        }
        int partition = ConfigMetricsKey.partitionOf(model, configs.partitionsFor(configsTopic).size());
        Serializer<ConfigStats> values = pipeline.serdes().value(Topics.CONFIG_METRICS).serializer();
        for (ConfigStats config : template.configs()) {
            byte[] key = ConfigMetricsKey.of(model, config.getConfigKey()).getBytes(StandardCharsets.UTF_8);
            configs.send(new ProducerRecord<>(configsTopic, partition, key, values.serialize(configsTopic, config)));
        }
        configs.flush();
    }

    /**
     * Not idempotent: publishing a hundred models' configurations at once through the idempotent
     * producer of the requests left its sequence numbers out of order with the broker's (the same
     * batch refused every second until the delivery timeout). A record repeated by a retry is the
     * same configuration again, which the service's view simply replaces.
     */
    private static Properties configProducerProps(BenchPipeline pipeline) {
        Properties props = pipeline.settings().producerProps("bench-config-publisher");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, aggregationCompression(pipeline));
        return props;
    }

    /**
     * The compression of the aggregation's own producer, which writes the requests and the
     * configurations in the product: Kafka Streams' producer built from {@code KafkaSettings.streamsProps},
     * uncompressed unless the operator set a compression. The bench's producers compressed them
     * with lz4 (the services' plain producer setting), so the service decompressed every request
     * inside the latency measured and copied every record out of its compressed batch (16 MB of
     * its loop thread's allocation in step 9, JFR): work the product's records do not cost.
     */
    private static String aggregationCompression(BenchPipeline pipeline) {
        String applicationId = "bench-request-driver";
        Map<String, Object> streamsProducer = new StreamsConfig(pipeline.settings().streamsProps(applicationId))
                .getProducerConfigs(applicationId);
        return String.valueOf(streamsProducer.getOrDefault(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"));
    }

    /**
     * {@code template} as a new request for {@code model}: a fresh id, the same aggregate, counting
     * the configurations {@link #publishConfigs} put under {@code model} (the request itself carries
     * none, as the aggregation's do). Shallow copies that share the template's statistics, which are
     * only read (encoded) from here on: the Avro builders' deep copies of the whole aggregate, twice
     * per request, were a fifth of what the bench's own thread allocated while the service was
     * measured, in the same heap and the same collections as the service's.
     */
    static AnalysisRequest copyFor(RequestTemplate template, String model) {
        ModelMetrics metrics = shallowCopy(template.request().getMetrics(), new ModelMetrics());
        metrics.setModel(model);
        metrics.setConfigs(List.of());
        metrics.setConfigCount(template.configs().size());
        metrics.setConfigsDigest(template.digest());
        AnalysisRequest request = shallowCopy(template.request(), new AnalysisRequest());
        request.setRequestId(UUID.randomUUID().toString());
        request.setModel(model);
        request.setMetrics(metrics);
        request.setRequestedAt(Instant.now());
        return request;
    }

    /** {@link #copyFor(RequestTemplate, String)}, counting configurations emitted at {@code emittedAt} (their records' time). */
    static AnalysisRequest copyFor(RequestTemplate template, String model, long emittedAt) {
        AnalysisRequest request = copyFor(template, model);
        request.getMetrics().setConfigsAt(Instant.ofEpochMilli(emittedAt));
        return request;
    }

    /** A copy of {@code from} in {@code into}, field by field: the fields' values are shared, not copied. */
    static <T extends SpecificRecordBase> T shallowCopy(T from, T into) {
        for (int field = 0; field < from.getSchema().getFields().size(); field++) {
            into.put(field, from.get(field));
        }
        return into;
    }

    /**
     * Writes {@code request} and {@code template}'s changed configurations under its model in one transaction,
     * as the aggregation commits a model's changed configurations with the request that counts them
     * (architecture.md, "Aggregation"), so the service reads and decodes them on the request's path as
     * it does in the product. Returns once the transaction is committed; the moment given is just
     * before the commit was asked for, when the records were on the broker but not yet readable
     * ({@code read_committed}): where the aggregation's commit starts, and where the product's request
     * starts to wait. (The records' produce round trip, before it, is the aggregation's in the product.)
     *
     * @param template the request's configurations; those it {@linkplain RequestTemplate#changed changed} are
     *                 written, their records stamped with {@code at} (the emission's time)
     */
    Sent emit(AnalysisRequest request, RequestTemplate template, long at) {
        return transact(requestsTopic, configsTopic, request, template, at);
    }

    /**
     * Writes the very records {@link #emit} would to {@code hop}'s topics instead, in a transaction of their own
     * through the same producer, so that {@code hop}'s bare consumer times Kafka's part of the request's path
     * alone. Returns the moment just before the commit was asked for ({@link System#nanoTime()}), once it is
     * committed.
     */
    long emitTo(KafkaHop hop, AnalysisRequest request, RequestTemplate template, long at) {
        Sent sent = transact(hop.requestsTopic(), hop.configsTopic(), request, template, at);
        sent.confirm();
        return sent.nanos();
    }

    private Sent transact(String requests, String configs, AnalysisRequest request, RequestTemplate template,
                          long at) {
        if (emissions == null) {
            Properties props = pipeline.settings().transactionalProducerProps("bench-request-emitter");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, aggregationCompression(pipeline));
            emissions = new KafkaProducer<>(props);
            emissions.initTransactions();
        }
        String model = request.getModel();
        int partition = ConfigMetricsKey.partitionOf(model, emissions.partitionsFor(configs).size());
        // Serialised for the product's topics whatever the target: the serdes' subjects, so the same bytes.
        Serializer<ConfigStats> values = pipeline.serdes().value(Topics.CONFIG_METRICS).serializer();
        byte[] requestKey = pipeline.serdes().key().serializer().serialize(requestsTopic, model);
        byte[] requestValue = pipeline.serdes().value(Topics.ANALYSIS_REQUESTS).serializer()
                .serialize(requestsTopic, request);
        emissions.beginTransaction();
        for (ConfigStats config : template.changed()) {
            byte[] key = ConfigMetricsKey.of(model, config.getConfigKey()).getBytes(StandardCharsets.UTF_8);
            emissions.send(new ProducerRecord<>(configs, partition, at, key,
                    values.serialize(configsTopic, config)));
        }
        Future<RecordMetadata> ack = emissions.send(new ProducerRecord<>(requests, null, at, requestKey,
                requestValue));
        emissions.flush();
        Instant committing = Instant.now();
        long nanos = System.nanoTime();
        emissions.commitTransaction();
        return new Sent(committing, nanos, ack);
    }

    /**
     * A request handed to the producer: the moment the measure starts at (as an instant, and as {@link
     * System#nanoTime()}), and the broker's acknowledgement.
     */
    record Sent(Instant at, long nanos, Future<RecordMetadata> ack) {
        /** Waits for the acknowledgement; a request the broker did not take is an error of the bench. */
        void confirm() {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot send an analysis request: " + e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Sends a request, waits for the broker to take it; returns the moment just before it went to the producer. */
    Instant send(AnalysisRequest request) {
        byte[] key = pipeline.serdes().key().serializer().serialize(requestsTopic, request.getModel());
        byte[] value = pipeline.serdes().value(Topics.ANALYSIS_REQUESTS).serializer().serialize(requestsTopic, request);
        Instant at = Instant.now();
        new Sent(at, System.nanoTime(), producer.send(new ProducerRecord<>(requestsTopic, key, value))).confirm();
        return at;
    }

    /** Reads results until one has arrived for each of {@code requestIds}. */
    Map<String, Seen> await(Set<String> requestIds, Duration timeout, IntConsumer onSeen) throws TimeoutException {
        Map<String, Seen> seen = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < requestIds.size()) {
            for (ConsumerRecord<byte[], byte[]> record : results.poll(RESULTS_POLL)) {
                Instant at = Instant.now();
                if (record.value() == null) {
                    continue;
                }
                AnalysisResult result = pipeline.serdes().value(Topics.ANALYSIS_RESULTS).deserializer()
                        .deserialize(resultsTopic, record.value());
                if (requestIds.contains(result.getRequestId())) {
                    seen.putIfAbsent(result.getRequestId(), new Seen(result, at));
                    onSeen.accept(seen.size());
                }
            }
            if (System.nanoTime() > deadline) {
                pipeline.requireRunning();
                throw new TimeoutException(seen.size() + " of " + requestIds.size() + " analyses within "
                        + timeout.toSeconds() + " s");
            }
        }
        return seen;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        if (configs != null) {
            configs.close(Duration.ofSeconds(5));
        }
        if (emissions != null) {
            emissions.close(Duration.ofSeconds(5));
        }
        results.close();
    }
}
