package io.chimera.insight.bench.pipeline;

import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows the {@code reports} topic as a platform team would: each {@code ReportGenerated} says a
 * report was written, for which model, covering how many runs, and when.
 */
public final class ReportTracker implements AutoCloseable {

    private final TopicSnapshotReader reader;
    private final EventSerdes serdes;
    private final String topic;
    private final Map<String, ReportGenerated> latest = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private int total;

    public ReportTracker(KafkaContext kafka) {
        this.serdes = kafka.serdes();
        this.topic = kafka.names().of(Topics.REPORTS);
        this.reader = TopicSnapshotReader.open(kafka.settings().consumerProps("bench-report-tracker"),
                List.of(topic), Duration.ofSeconds(30), MissingTopic.EMPTY);
    }

    /** Reads what arrived within {@code wait}. */
    public void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(wait)) {
            if (record.value() == null) {
                continue;
            }
            ReportGenerated report = serdes.value(Topics.REPORTS).deserializer().deserialize(topic, record.value());
            if (report.getWriteError() != null) {
                continue; // not on disk: the service announces it again once the retried write succeeds
            }
            latest.put(report.getModel(), report);
            counts.merge(report.getModel(), 1, Integer::sum);
            total++;
        }
    }

    /** The latest report of {@code model}, if one was written. */
    public Optional<ReportGenerated> latest(String model) {
        return Optional.ofNullable(latest.get(model));
    }

    /** Models whose latest report covers at least the runs expected of them. */
    public int modelsCovered(Map<String, Long> expectedRuns) {
        int covered = 0;
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            ReportGenerated report = latest.get(expected.getKey());
            if (report != null && report.getRuns() >= expected.getValue()) {
                covered++;
            }
        }
        return covered;
    }

    /** Reports written so far, all models. */
    public int total() {
        return total;
    }

    /** Reports written so far for {@code model}. */
    public int count(String model) {
        return counts.getOrDefault(model, 0);
    }

    @Override
    public void close() {
        reader.close();
    }
}
