package io.chimera.insight.app.local;

import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.platform.kafka.read.CommittedProgress;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Sees the phases after ingest end, from outside the services, as a platform team could: the
 * aggregation when its committed offsets are past the last run on {@code benchmark-runs} (under
 * exactly-once a committed offset means the run is in the aggregate for good); the analysis when
 * an analysis result covers every run of every model; the report when every model's report does.
 * It is asked after each read of the monitor, so a boundary is seen within one poll of it.
 */
public final class RunPhaseWatch implements AutoCloseable {

    private final RunPhases phases;
    private final IngestPass.Tally tally;
    private final CommittedProgress offsets;
    private final String aggregationGroup;
    private final Map<TopicPartition, Long> runEnds;

    private RunPhaseWatch(RunPhases phases, IngestPass.Tally tally, CommittedProgress offsets, String aggregationGroup,
                          Map<TopicPartition, Long> runEnds) {
        this.phases = phases;
        this.tally = tally;
        this.offsets = offsets;
        this.aggregationGroup = aggregationGroup;
        this.runEnds = runEnds;
    }

    /** Once ingest has published everything: the end of {@code benchmark-runs} is then the last run. */
    public static RunPhaseWatch afterIngest(RunPhases phases, ServiceFactory services, IngestPass.Tally tally)
            throws InterruptedException {
        CommittedProgress offsets = new CommittedProgress(services.kafka().settings());
        try {
            Map<TopicPartition, Long> ends = offsets.endOffsets(services.kafka().names().of(Topics.BENCHMARK_RUNS));
            return new RunPhaseWatch(phases, tally, offsets, services.aggregationGroupId(), ends);
        } catch (RuntimeException | InterruptedException e) {
            offsets.close();
            throw e;
        }
    }

    /** Prints the aggregation and analysis lines when what {@code monitor} has read shows they ended. */
    public void check(RunMonitor monitor) throws InterruptedException {
        if (!phases.hasEnded(Phase.AGGREGATION) && offsets.caughtUp(aggregationGroup, runEnds)) {
            phases.ended(Phase.AGGREGATION, RunPhases.count(tally.runs()) + " runs of "
                    + RunPhases.count(tally.runsByModel().size()) + " models");
        }
        if (phases.hasEnded(Phase.AGGREGATION) && !phases.hasEnded(Phase.ANALYSIS)
                && monitor.modelsAnalysed(tally.runsByModel()) == tally.runsByModel().size()) {
            phases.ended(Phase.ANALYSIS, RunPhases.count(tally.runsByModel().size()) + " models");
        }
    }

    /**
     * Prints the report line once every model's report is written. A report stands on its analysis,
     * and that on the aggregate, so their lines are printed first; their records may sit in a later
     * fetch than the report's, which is why the monitor reads to the end before they are checked.
     */
    public void reportsWritten(RunMonitor monitor, int reports) throws InterruptedException {
        if (!phases.hasEnded(Phase.ANALYSIS)) {
            monitor.drain(Duration.ofSeconds(10));
            check(monitor);
        }
        if (phases.hasEnded(Phase.ANALYSIS)) {
            phases.ended(Phase.REPORT, RunPhases.count(reports) + " reports written");
        }
    }

    @Override
    public void close() {
        offsets.close();
    }
}
