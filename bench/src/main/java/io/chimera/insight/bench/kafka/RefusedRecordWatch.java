package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaFailures;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Kafka Streams' default production exception handler, which also remembers the first record the
 * cluster refused for good (too large, say) per application: what a measure of the aggregation
 * reports instead of waiting for a stream thread that fails, is replaced and fails again on the
 * same record. It answers as the default does (fail), so the application behaves as the product's.
 *
 * <p>Streams builds the handler from its configuration: put {@link #streamsProperties()} among an
 * application's properties, and ask {@link #first(String)} with its application id.
 */
public final class RefusedRecordWatch extends DefaultProductionExceptionHandler {

    /**
     * A record the cluster refused.
     *
     * @param topic  where it was sent
     * @param bytes  its key and value, serialised
     * @param reason the producer's or the broker's words
     */
    public record Refusal(String topic, long bytes, String reason) {
    }

    private static final Map<String, Refusal> FIRST = new ConcurrentHashMap<>();

    private String applicationId = "";

    /** The Streams property that installs this handler. */
    public static Map<String, String> streamsProperties() {
        return Map.of(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RefusedRecordWatch.class.getName());
    }

    /** The first record refused for good to the application {@code applicationId}, if any. */
    public static Optional<Refusal> first(String applicationId) {
        return Optional.ofNullable(FIRST.get(applicationId));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        applicationId = id == null ? "" : id.toString();
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (KafkaFailures.isPermanent(exception)) {
            long bytes = (record.key() == null ? 0 : record.key().length)
                    + (record.value() == null ? 0 : record.value().length);
            FIRST.putIfAbsent(applicationId, new Refusal(record.topic(), bytes, String.valueOf(exception.getMessage())));
        }
        return super.handle(context, record, exception);
    }
}
