package io.chimera.insight.app.local;

import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Watches the pipeline's outputs the way a platform team would: by reading the {@code reports} and
 * {@code dead-letters} topics. {@code chimera run} knows it is done from these events, not from
 * inside the services.
 */
public final class RunMonitor implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventSerdes serdes;
    private final String reportsTopic;
    private final Map<String, ReportGenerated> latestReports = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    public RunMonitor(KafkaContext kafka) {
        Properties props = kafka.settings().consumerProps("chimera-run-monitor");
        props.remove("group.id"); // assigned partitions, no group: nothing to commit, nothing to clean up
        this.consumer = new KafkaConsumer<>(props);
        this.serdes = kafka.serdes();
        this.reportsTopic = kafka.names().of(Topics.REPORTS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(reportsTopic, kafka.names().of(Topics.DEAD_LETTERS))) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived within {@code wait}. */
    public void poll(Duration wait) {
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
                if (record.value() == null) {
                    continue;
                }
                if (record.topic().equals(reportsTopic)) {
                    ReportGenerated report = serdes.value(Topics.REPORTS).deserializer()
                            .deserialize(record.topic(), record.value());
                    latestReports.put(report.getModel(), report);
                } else {
                    deadLetters.add(serdes.value(Topics.DEAD_LETTERS).deserializer()
                            .deserialize(record.topic(), record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    /** Reads until every assigned partition is read to its current end (or {@code limit} passes). */
    public void drain(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (System.nanoTime() < deadline
                && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll(Duration.ofMillis(100));
        }
    }

    /** Models whose latest report covers at least the runs expected of them. */
    public int modelsDone(Map<String, Long> expectedRuns) {
        int done = 0;
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            ReportGenerated report = latestReports.get(expected.getKey());
            if (report != null && report.getRuns() >= expected.getValue()) {
                done++;
            }
        }
        return done;
    }

    public Map<String, ReportGenerated> latestReports() {
        return Map.copyOf(latestReports);
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
