package io.chimera.insight.analysis.service;

import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.ServiceHealth;
import java.time.Clock;

/**
 * Consumes analysis requests, has the GPU worker pool analyse several at once, publishes analysis
 * results. A request's offset is committed only once its final result is published (see
 * {@link AnalysisLoop}), so a crash or a restart repeats an analysis rather than losing it; when
 * no worker answers, the facts go out at once with the narrative pending and the request is
 * retried until a worker does.
 */
public final class AnalysisService implements ChimeraService {

    private final Analyst analyst;
    private final AnalysisLoop loop;

    public AnalysisService(KafkaContext kafka, Analyst analyst, String groupId) {
        this(kafka, analyst, AnalysisServiceSettings.defaults(), groupId);
    }

    /** @param analyst owned by the service from now on: closing the service closes its worker pool */
    public AnalysisService(KafkaContext kafka, Analyst analyst, AnalysisServiceSettings pacing, String groupId) {
        this(kafka, analyst, pacing, groupId, PipelineMetrics.none("analyze"));
    }

    /** @param metrics where the loop's Kafka clients and its dead letters are counted */
    public AnalysisService(KafkaContext kafka, Analyst analyst, AnalysisServiceSettings pacing, String groupId,
                           PipelineMetrics metrics) {
        this.analyst = analyst;
        this.loop = new AnalysisLoop("chimera-analyze", kafka, groupId, analyst, pacing, Clock.systemUTC(),
                metrics);
    }

    @Override
    public String name() {
        return "analyze";
    }

    /** Probes the GPU workers (a few seconds at most), then starts consuming. */
    @Override
    public void start() {
        analyst.pool().start();
        loop.start();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** The loop's health: DEGRADED while its commits fail. */
    @Override
    public ServiceHealth health() {
        return loop.health();
    }

    /** Requests held beyond the worker pool now: ready to run, or parked until a worker answers. */
    public int heldRequests() {
        return loop.held();
    }

    /** The most requests held beyond the worker pool at once since the start. */
    public int peakHeldRequests() {
        return loop.peakHeld();
    }

    public Analyst analyst() {
        return analyst;
    }

    /** Stops consuming, publishes what finished, abandons parked retries (re-read on the next start). */
    @Override
    public void close() {
        loop.close();
        analyst.close();
    }
}
