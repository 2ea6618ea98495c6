package io.chimera.insight.platform.kafka.read;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model's configurations as the {@code config-metrics} topic holds them, materialised from the
 * beginning with no consumer group ({@link TopicSnapshotReader}, {@code read_committed}), and the
 * edge where a reader of a model record (a request, a result) gets its configurations back:
 * {@link #complete}.
 *
 * <p>Why that is consistent: the aggregation commits a model's config records in the transaction
 * of the model-metrics record and the analysis request that count them. A reader that has taken a
 * request (read committed) and then reads this topic up to its current end offsets (the last stable
 * offsets, so that transaction is in) has every configuration the request counts. The view can only
 * be newer than the record, never older: the aggregation may have committed a later emission of
 * the model meanwhile. Then the record is completed with the newer configurations (the only ones a
 * compacted topic still has), which {@link Completed#newerThanRecord} says; the later emission's own
 * request follows it on the model's partition, and the report it makes replaces this one.
 *
 * <p>Thread-safe: every method holds the view's lock (one consumer, one reader at a time).
 */
public final class ConfigMetricsView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigMetricsView.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    /** A record completed with the view's configurations. */
    public record Completed(ModelMetrics metrics, boolean newerThanRecord) {
    }

    private final Supplier<TopicSnapshotReader> opener;
    private final Deserializer<ConfigStats> values;
    private final String topic;
    private final Map<String, NavigableMap<String, ConfigStats>> byModel = new HashMap<>();
    private TopicSnapshotReader reader;

    private ConfigMetricsView(Supplier<TopicSnapshotReader> opener, Deserializer<ConfigStats> values, String topic) {
        this.opener = opener;
        this.values = values;
        this.topic = topic;
    }

    /** A view of the pipeline's {@code config-metrics}; its consumer is opened on the first read. */
    public static ConfigMetricsView of(KafkaContext kafka, String clientId) {
        String topic = kafka.names().of(Topics.CONFIG_METRICS);
        return new ConfigMetricsView(() -> TopicSnapshotReader.open(kafka.settings().consumerProps(clientId),
                List.of(topic), METADATA_WAIT, MissingTopic.EMPTY),
                kafka.serdes().value(Topics.CONFIG_METRICS).deserializer(), topic);
    }

    /**
     * Reads every config record committed so far, then gives {@code metrics} the configurations of its
     * model, sorted by config key as the aggregation sorts them.
     *
     * @throws TopicReadException when the topic could not be read to its end within {@code limit}: the
     *                            configurations would be incomplete, so nothing is made of them
     */
    public synchronized Completed complete(ModelMetrics metrics, Duration limit) {
        catchUp(limit);
        List<ConfigStats> configs = configs(metrics.getModel());
        long runs = configs.stream().mapToLong(ConfigStats::getRuns).sum();
        boolean newer = runs != metrics.getRuns();
        if (newer) {
            log.debug("configurations of {} are newer than its record ({} runs in them, {} in the record)",
                    metrics.getModel(), runs, metrics.getRuns());
        }
        return new Completed(ModelMetrics.newBuilder(metrics).setConfigs(configs).build(), newer);
    }

    /**
     * Reads every config record committed so far.
     *
     * @throws TopicReadException when it did not get to the end within {@code limit}
     */
    public synchronized void catchUp(Duration limit) {
        if (reader == null) {
            reader = opener.get();
        }
        if (!reader.readToEnd(limit, this::add)) {
            throw new TopicReadException("cannot read " + topic + " to its end within " + limit.toMillis()
                    + " ms: a model's configurations would be incomplete", null);
        }
    }

    /** The configurations of {@code model} read so far, by config key. */
    public synchronized List<ConfigStats> configs(String model) {
        NavigableMap<String, ConfigStats> configs = byModel.get(model);
        return configs == null ? List.of() : new ArrayList<>(configs.values());
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            String model = ConfigMetricsKey.modelOf(key);
            String configKey = ConfigMetricsKey.configKeyOf(key);
            if (record.value() == null) {
                remove(model, configKey);
            } else {
                byModel.computeIfAbsent(model, m -> new TreeMap<>())
                        .put(configKey, values.deserialize(topic, record.value()));
            }
        } catch (RuntimeException e) {
            // The aggregation is the only writer; a record it did not make is said, not guessed at.
            log.warn("skipping {}/{}@{}: not a config-metrics record: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** A tombstone: the configuration lost every run. */
    private void remove(String model, String configKey) {
        NavigableMap<String, ConfigStats> configs = byModel.get(model);
        if (configs != null) {
            configs.remove(configKey);
            if (configs.isEmpty()) {
                byModel.remove(model);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
