package io.chimera.insight.bench.measure;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How many records a Kafka Streams application's producers sent to its state stores' changelog
 * topics: the sum of the producers' {@code record-send-total} over the topics named
 * {@code <application id>-<store>-changelog}, in all ({@link #sent}) or per store ({@link #perStore}).
 * Every store write that survives the record cache to a commit is one such record, so this counts the
 * writes a piece of state costs. It is a count, not a time: what moves it is the code, the input, and
 * how many records a commit covers (the record cache and a write-behind store merge the rewrites of a
 * key within one commit, and commits follow the clock); another process loading the machine moves it
 * only through that last.
 */
public final class ChangelogWrites {

    static final String GROUP = "producer-topic-metrics";
    static final String SENT = "record-send-total";
    private static final String SUFFIX = "-changelog";

    private ChangelogWrites() {
    }

    /** The records sent to changelog topics, per the metrics of a {@code KafkaStreams} ({@code streams.metrics()}). */
    public static long sent(Map<MetricName, ? extends Metric> metrics) {
        return perTopic(metrics).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The records sent to the changelog of each store of application {@code applicationId}, by store
     * name (the topic less {@code <application id>-} and {@code -changelog}), in name order; a store
     * whose changelog got none is absent. Changelogs of other applications are left out.
     */
    public static SortedMap<String, Long> perStore(Map<MetricName, ? extends Metric> metrics, String applicationId) {
        String prefix = applicationId + "-";
        SortedMap<String, Long> stores = new TreeMap<>();
        perTopic(metrics).forEach((topic, records) -> {
            if (topic.startsWith(prefix)) {
                stores.put(topic.substring(prefix.length(), topic.length() - SUFFIX.length()), records);
            }
        });
        return stores;
    }

    /**
     * The records the producers of a {@code KafkaStreams} sent to output topic {@code topic} (its full
     * name): the aggregation's emissions are counted this way ({@code model-metrics}, {@code
     * analysis-requests}), beside its changelogs.
     */
    public static long sentTo(Map<MetricName, ? extends Metric> metrics, String topic) {
        return perTopic(metrics, topic::equals).getOrDefault(topic, 0L);
    }

    /** Per changelog topic, summed over the producers (one per thread or task) that sent to it. */
    private static Map<String, Long> perTopic(Map<MetricName, ? extends Metric> metrics) {
        return perTopic(metrics, topic -> topic.endsWith(SUFFIX));
    }

    /** Per topic that {@code counted} accepts, summed over the producers (one per thread or task) that sent to it. */
    private static Map<String, Long> perTopic(Map<MetricName, ? extends Metric> metrics, Predicate<String> counted) {
        Map<String, Double> topics = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            String topic = name.tags().get("topic");
            if (SENT.equals(name.name()) && GROUP.equals(name.group()) && topic != null && counted.test(topic)) {
                topics.merge(topic, ((Number) metric.getValue().metricValue()).doubleValue(), Double::sum);
            }
        }
        Map<String, Long> rounded = new TreeMap<>();
        topics.forEach((topic, records) -> rounded.put(topic, Math.round(records)));
        return rounded;
    }
}
