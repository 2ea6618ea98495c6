package io.chimera.insight.app.local;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Watches the pipeline's outputs the way a platform team would: by reading the {@code reports},
 * {@code dead-letters} and {@code analysis-results} topics. {@code chimera run} knows it is done
 * from these events, not from inside the services (and when its analysis phase ended, from the
 * analysis results: {@link RunPhaseWatch}).
 */
public final class RunMonitor implements AutoCloseable {

    private final TopicSnapshotReader reader;
    private final EventSerdes serdes;
    private final String reportsTopic;
    private final String resultsTopic;
    private final Map<String, ReportGenerated> latestReports = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    /** Per model, the most runs an analysis result covered. */
    private final Map<String, Long> analysedRuns = new HashMap<>();

    public RunMonitor(KafkaContext kafka) {
        this.serdes = kafka.serdes();
        this.reportsTopic = kafka.names().of(Topics.REPORTS);
        this.resultsTopic = kafka.names().of(Topics.ANALYSIS_RESULTS);
        // Assigned partitions, no group: nothing to commit, nothing to clean up.
        this.reader = TopicSnapshotReader.open(kafka.settings().consumerProps("chimera-run-monitor"),
                List.of(reportsTopic, kafka.names().of(Topics.DEAD_LETTERS), resultsTopic), Duration.ofSeconds(30),
                MissingTopic.EMPTY);
    }

    /** Reads what arrived within {@code wait}. */
    public void poll(Duration wait) {
        reader.poll(wait).forEach(this::add);
    }

    /** Reads until every assigned partition is read to its current end (or {@code limit} passes). */
    public void drain(Duration limit) {
        reader.readToEnd(limit, this::add);
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        if (record.topic().equals(reportsTopic)) {
            ReportGenerated report = serdes.value(Topics.REPORTS).deserializer()
                    .deserialize(record.topic(), record.value());
            latestReports.put(report.getModel(), report);
        } else if (record.topic().equals(resultsTopic)) {
            AnalysisResult result = serdes.value(Topics.ANALYSIS_RESULTS).deserializer()
                    .deserialize(record.topic(), record.value());
            if (result.getMetrics() != null) {
                analysedRuns.merge(result.getModel(), result.getMetrics().getRuns(), Math::max);
            }
        } else {
            deadLetters.add(serdes.value(Topics.DEAD_LETTERS).deserializer()
                    .deserialize(record.topic(), record.value()));
        }
    }

    /** Models whose latest report covers at least the runs expected of them and is on disk. */
    public int modelsDone(Map<String, Long> expectedRuns) {
        int done = 0;
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            ReportGenerated report = latestReports.get(expected.getKey());
            if (report != null && report.getRuns() >= expected.getValue() && report.getWriteError() == null) {
                done++;
            }
        }
        return done;
    }

    /** Models with an analysis result (a narrative or not) that covers at least the runs expected of them. */
    public int modelsAnalysed(Map<String, Long> expectedRuns) {
        int done = 0;
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            if (analysedRuns.getOrDefault(expected.getKey(), -1L) >= expected.getValue()) {
                done++;
            }
        }
        return done;
    }

    /**
     * Models whose latest report covers their runs but could not be written to disk (full, read-only,
     * no permission), with the report service's words; {@code chimera run} does not wait for them.
     */
    public Map<String, String> writeFailures(Map<String, Long> expectedRuns) {
        Map<String, String> failures = new TreeMap<>();
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            ReportGenerated report = latestReports.get(expected.getKey());
            if (report != null && report.getRuns() >= expected.getValue() && report.getWriteError() != null) {
                failures.put(expected.getKey(), report.getWriteError());
            }
        }
        return failures;
    }

    /**
     * Models whose latest report covers their runs but waits for a narrative that a reachable worker
     * failed to give: the analysis is retrying it, so {@code chimera run} waits for it within its
     * timeout (a worker that cannot be reached at all is not waited for).
     */
    public int narrativesRetrying(Map<String, Long> expectedRuns) {
        int retrying = 0;
        for (Map.Entry<String, Long> expected : expectedRuns.entrySet()) {
            ReportGenerated report = latestReports.get(expected.getKey());
            if (report != null && report.getRuns() >= expected.getValue()
                    && report.getStatus() == ReportStatus.NARRATIVE_PENDING && RunSummary.workerAnswered(report)) {
                retrying++;
            }
        }
        return retrying;
    }

    public Map<String, ReportGenerated> latestReports() {
        return Map.copyOf(latestReports);
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void close() {
        reader.close();
    }
}
