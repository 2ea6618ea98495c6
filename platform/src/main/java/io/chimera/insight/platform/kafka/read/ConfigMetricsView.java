package io.chimera.insight.platform.kafka.read;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
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
 * <p>Why that is consistent: the aggregation writes a model's changed configurations (and
 * tombstones) in the transaction of the model-metrics record and the analysis request that count
 * them, and the record says which set it counts ({@code configCount}, and {@code configsDigest}: the
 * sum of the {@link ConfigFingerprint}s of their records). A reader that took the record reads this
 * topic to its current end and compares. Three cases:
 * <ul>
 *   <li>the sums agree: the view holds exactly the record's configurations (the usual case);</li>
 *   <li>the view holds a record of the model written after the record's emission (a record
 *       timestamp past {@code configsAt}): the aggregation committed a later emission meanwhile. The
 *       compacted topic no longer has the older configurations, so the record gets the newer ones and
 *       {@link Completed#newerThanRecord} says so; the later emission's request follows on the model's
 *       partition and its report replaces this one;</li>
 *   <li>otherwise the view still misses the record's own writes: a transaction's markers reach its
 *       partitions one by one, so right after the record became readable its config records may not be
 *       yet. The view reads again, every 20 ms, until they are there; after {@code limit} it goes on
 *       with what it has and logs a warning (only a wall clock stepped back could make a newer view
 *       look older).</li>
 * </ul>
 * A record from an aggregation that predates this topic ({@code configCount} -1) carries its
 * configurations itself and is left as it is.
 *
 * <p>A config record whose schema the registry cannot serve yet (unreachable, restarting) is not
 * skipped: the read stops at it with a {@link TopicReadException}, the caller waits as for any
 * dependency, and the next read decodes it. Skipped, it would have left its model's configurations
 * short, each request of that model waiting out the whole limit and then analysed without them.
 *
 * <p>Before it reads to the end, {@link #complete} looks at what the view already holds, then at what
 * its consumer's fetch in flight brings (up to 20 ms): a count and digest equal to the
 * record's mean it holds exactly the record's configurations, the answer of the first case, so it gives
 * them without asking the cluster for the end offsets (a round trip on the reader's path). A reader
 * that calls {@link #takeFetched} as it goes (the analysis loop, each round) keeps such a fetch held
 * at the broker, which is answered as the transaction that writes a request and its configurations
 * commits.
 *
 * <p>Thread-safe: every method holds the view's lock (one consumer, one reader at a time).
 */
public final class ConfigMetricsView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigMetricsView.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    private static final long REREAD_PAUSE_MILLIS = 20;
    /**
     * How long {@link #complete} waits for records from the fetch in flight before it reads to the end:
     * no longer than the pause between two reads to the end, which is what the wait costs at most (when
     * nothing comes: the view holds a later emission than the record's, or the record's are not yet
     * committed); a poll returns as soon as records come.
     */
    private static final Duration FETCHED_WAIT = Duration.ofMillis(REREAD_PAUSE_MILLIS);

    /**
     * A record completed with the view's configurations.
     *
     * @param newerThanRecord the view held a later emission of the model than the record's
     * @param matchesRecord   the configurations are exactly those the record counts
     */
    public record Completed(ModelMetrics metrics, boolean newerThanRecord, boolean matchesRecord) {
    }

    /** One configuration's latest record. */
    private record Held(ConfigStats stats, long fingerprint) {
    }

    /** One model's configurations, the sum of their fingerprints and its latest record's timestamp. */
    private static final class ModelView {
        final NavigableMap<String, Held> configs = new TreeMap<>();
        long digest;
        long writtenAt;
    }

    private final Supplier<TopicSnapshotReader> opener;
    private final Deserializer<ConfigStats> values;
    private final String topic;
    private final ConfigFingerprint fingerprints = new ConfigFingerprint();
    private final Map<String, ModelView> byModel = new HashMap<>();
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
     * A copy of {@code metrics} with the configurations of its model, sorted by config key as the
     * aggregation sorts them (see the class comment for which). {@code metrics} itself is not changed.
     *
     * @throws TopicReadException when the topic could not be read to its end within {@code limit}, or a
     *                            record could not be decoded because the schema registry could not serve its
     *                            schema (that record is read again by the next call, never skipped)
     */
    public synchronized Completed complete(ModelMetrics metrics, Duration limit) {
        if (metrics.getConfigCount() < 0) {
            return new Completed(metrics, false, true); // from before config-metrics: its configs are whole
        }
        String model = metrics.getModel();
        ModelView held = byModel.get(model);
        if (!counts(held, metrics) && reader != null) {
            // What the consumer's fetch in flight brings, as soon as it comes: the request's own
            // transaction answers it, often a moment after the request's fetch was answered.
            reader.poll(FETCHED_WAIT, this::add);
            held = byModel.get(model);
        }
        if (counts(held, metrics)) {
            log.debug("configurations of {} held or fetched: completed without reading to the end", model);
            return new Completed(withConfigs(metrics, held), false, true);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        long recordAt = metrics.getConfigsAt().toEpochMilli();
        while (true) {
            catchUp(limit);
            ModelView view = byModel.get(model);
            if (counts(view, metrics)) {
                return new Completed(withConfigs(metrics, view), false, true);
            }
            if (view != null && view.writtenAt > recordAt) {
                log.debug("configurations of {} are newer than its record (written at {}, the record's at {})",
                        model, view.writtenAt, recordAt);
                return new Completed(withConfigs(metrics, view), true, false);
            }
            if (System.nanoTime() > deadline) {
                log.warn("configurations of {} on {} still differ from what its record counts ({} of {}) after {} ms;"
                        + " going on with them", model, topic, view == null ? 0 : view.configs.size(),
                        metrics.getConfigCount(), limit.toMillis());
                return new Completed(withConfigs(metrics, view), false, false);
            }
            pause();
        }
    }

    /** Whether {@code view} holds exactly the configurations {@code metrics} counts: their number and digest agree. */
    private static boolean counts(ModelView view, ModelMetrics metrics) {
        int count = view == null ? 0 : view.configs.size();
        long digest = view == null ? 0 : view.digest;
        return count == metrics.getConfigCount() && digest == metrics.getConfigsDigest();
    }

    /**
     * Takes the config records the view's consumer has fetched so far, without waiting for any, and
     * leaves its next fetch in flight: held at the broker until a record is committed (or
     * {@code fetch.max.wait.ms} passes), so the records a transaction writes with a request are
     * often here by the time the request is read, and {@link #complete} need not ask for the end
     * offsets. Nothing before the view's first read ({@link #catchUp}, or {@link #complete}'s).
     */
    public synchronized void takeFetched() {
        if (reader == null) {
            return;
        }
        reader.poll(Duration.ZERO, this::add);
    }

    /**
     * {@code metrics} as the topics carry it: without its configurations when they are on
     * {@code config-metrics} ({@code configCount} set), as it is otherwise. A copy; {@code metrics}
     * itself is not changed.
     */
    public static ModelMetrics withoutConfigs(ModelMetrics metrics) {
        if (metrics.getConfigCount() < 0 || metrics.getConfigs().isEmpty()) {
            return metrics;
        }
        ModelMetrics copy = shallowCopy(metrics);
        copy.setConfigs(List.of());
        return copy;
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
        return configsOf(byModel.get(model));
    }

    private static List<ConfigStats> configsOf(ModelView view) {
        List<ConfigStats> configs = new ArrayList<>(view == null ? 0 : view.configs.size());
        if (view != null) {
            view.configs.values().forEach(held -> configs.add(held.stats()));
        }
        return configs;
    }

    private static ModelMetrics withConfigs(ModelMetrics metrics, ModelView view) {
        ModelMetrics copy = shallowCopy(metrics);
        copy.setConfigs(configsOf(view));
        return copy;
    }

    /** Field by field, without Avro's deep copy: the configurations are what changes, the rest is shared. */
    private static ModelMetrics shallowCopy(ModelMetrics metrics) {
        ModelMetrics copy = new ModelMetrics();
        for (int field = 0; field < ModelMetrics.getClassSchema().getFields().size(); field++) {
            copy.put(field, metrics.get(field));
        }
        return copy;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            ModelView view = byModel.computeIfAbsent(ConfigMetricsKey.modelOf(key), m -> new ModelView());
            String configKey = ConfigMetricsKey.configKeyOf(key);
            Held before = record.value() == null ? view.configs.remove(configKey)
                    : view.configs.put(configKey, held(record.value()));
            if (before != null) {
                view.digest -= before.fingerprint();
            }
            if (record.value() != null) {
                view.digest += view.configs.get(configKey).fingerprint();
            }
            view.writtenAt = Math.max(view.writtenAt, record.timestamp());
        } catch (RuntimeException e) {
            // Not skipped when the registry could not serve it: the model's configurations would stay short,
            // each request waiting out the whole limit and analysed without them.
            TopicSnapshotReader.stopIfRegistryUnavailable(record, e);
            // The aggregation is the only writer; a record it did not make is said, not guessed at.
            log.warn("skipping {}/{}@{}: not a config-metrics record: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Decoded, and fingerprinted over the Avro body the aggregation fingerprinted before sending it. */
    private Held held(byte[] value) {
        ByteBuffer body = ByteBuffer.wrap(value);
        WireFormat.readSchemaId(topic, body);
        return new Held(values.deserialize(topic, value), fingerprints.ofBody(body));
    }

    private static void pause() {
        try {
            Thread.sleep(REREAD_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicReadException("interrupted while waiting for config-metrics", e);
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
