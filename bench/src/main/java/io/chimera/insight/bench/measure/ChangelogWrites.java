package io.chimera.insight.bench.measure;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How many records a Kafka Streams application's producers sent to its state stores' changelog
 * topics: the sum of the producers' {@code record-send-total} over the topics named
 * {@code <application id>-<store>-changelog}. Every store write that survives the record cache to
 * a commit is one such record, so this counts the writes a piece of state costs. It is a count, not a
 * time: what moves it is the code, the input, and how many records a commit covers (the record cache
 * and a write-behind store merge the rewrites of a key within one commit, and commits follow the
 * clock); another process loading the machine moves it only through that last.
 */
public final class ChangelogWrites {

    static final String GROUP = "producer-topic-metrics";
    static final String SENT = "record-send-total";
    private static final String SUFFIX = "-changelog";

    private ChangelogWrites() {
    }

    /** The records sent to changelog topics, per the metrics of a {@code KafkaStreams} ({@code streams.metrics()}). */
    public static long sent(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            String topic = name.tags().get("topic");
            if (SENT.equals(name.name()) && GROUP.equals(name.group()) && topic != null && topic.endsWith(SUFFIX)) {
                total += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return Math.round(total);
    }
}
