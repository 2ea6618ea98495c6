package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.prompt.Prompt;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.platform.stats.ModelFigures;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelLanesTest {

    private static final TopicPartition P0 = new TopicPartition("requests", 0);
    private static final TopicPartition P1 = new TopicPartition("requests", 1);

    private final ModelLanes lanes = new ModelLanes();

    @Test
    void requestsOfDifferentModelsRunInArrivalOrderAndAtTheSameTime() {
        PendingAnalysis a = pending(P0, 0, "a");
        PendingAnalysis b = pending(P1, 0, "b");
        lanes.offer(a);
        lanes.offer(b);

        assertThat(lanes.startNext()).isSameAs(a);
        assertThat(lanes.startNext()).isSameAs(b);
        assertThat(lanes.startNext()).isNull();
    }

    @Test
    void aModelHeldBackKeepsItsPlaceWhileTheNextModelStarts() {
        PendingAnalysis a = pending(P0, 0, "a");
        PendingAnalysis b = pending(P1, 0, "b");
        PendingAnalysis newerA = pending(P0, 1, "a");
        lanes.offer(a);
        lanes.offer(b);

        assertThat(lanes.startNext(model -> !model.equals("a"))).as("a has a newer request coming").isSameAs(b);
        assertThat(lanes.startNext(model -> !model.equals("a"))).isNull();
        assertThat(lanes.offer(newerA)).as("a had not started, so the newer request supersedes it")
                .containsExactly(a);
        assertThat(lanes.startNext()).isSameAs(newerA);
        assertThat(lanes.startNext()).isNull();
    }

    @Test
    void aModelRunsOneAnalysisAtATimeAndOnlyItsNewestWaitingRequest() {
        PendingAnalysis first = pending(P0, 0, "a");
        PendingAnalysis second = pending(P0, 1, "a");
        PendingAnalysis third = pending(P0, 2, "a");
        lanes.offer(first);
        assertThat(lanes.startNext()).isSameAs(first);

        assertThat(lanes.offer(second)).isEmpty();
        assertThat(lanes.startNext()).as("a is still running").isNull();
        assertThat(lanes.offer(third)).containsExactly(second);

        assertThat(lanes.finish(first)).isTrue();
        assertThat(lanes.startNext()).isSameAs(third);
    }

    @Test
    void aParkedRetryRunsWhenDueAndIsSupersededByANewerRequest() {
        PendingAnalysis old = pending(P0, 0, "a");
        lanes.offer(old);
        lanes.startNext();
        lanes.finish(old);
        old.unavailableRound(0, 1_000);
        assertThat(lanes.park(old)).isTrue();
        assertThat(lanes.held()).isEqualTo(1);
        assertThat(lanes.nextRetryAtMillis()).isEqualTo(1_000);

        lanes.releaseParked(999, false);
        assertThat(lanes.startNext()).isNull();
        lanes.releaseParked(1_000, false);
        assertThat(lanes.startNext()).isSameAs(old);
        lanes.finish(old);
        old.unavailableRound(0, 5_000);
        lanes.park(old);

        PendingAnalysis newer = pending(P0, 1, "a");
        assertThat(lanes.offer(newer)).containsExactly(old);
        assertThat(lanes.nextRetryAtMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(lanes.startNext()).isSameAs(newer);
    }

    @Test
    void aRetryIsNotParkedWhenANewerRequestAlreadyWaits() {
        PendingAnalysis old = pending(P0, 0, "a");
        lanes.offer(old);
        lanes.startNext();
        PendingAnalysis newer = pending(P0, 1, "a");
        lanes.offer(newer);

        lanes.finish(old);

        assertThat(lanes.park(old)).isFalse();
        assertThat(lanes.startNext()).isSameAs(newer);
    }

    @Test
    void releasingAllParkedRetriesIgnoresTheirDueTimes() {
        PendingAnalysis a = pending(P0, 0, "a");
        lanes.offer(a);
        lanes.startNext();
        lanes.finish(a);
        a.unavailableRound(0, Long.MAX_VALUE - 1);
        lanes.park(a);

        lanes.releaseParked(0, true);

        assertThat(lanes.startNext()).isSameAs(a);
    }

    @Test
    void forgettingARevokedPartitionMakesItsRunningAnalysisStale() {
        PendingAnalysis a = pending(P0, 0, "a");
        PendingAnalysis b = pending(P1, 0, "b");
        lanes.offer(a);
        lanes.offer(b);
        lanes.startNext();

        lanes.forget(pending -> pending.partition().equals(P0));

        assertThat(lanes.finish(a)).isFalse();
        assertThat(lanes.startNext()).isSameAs(b);
        assertThat(lanes.held()).isZero();
    }

    private static PendingAnalysis pending(TopicPartition partition, long offset, String model) {
        AnalysisRequest request = AnalysisFixtures.request("r" + offset, model, 12);
        PreparedAnalysis prepared = new PreparedAnalysis(request, ModelFigures.of(request.getMetrics()),
                new Prompt("system", "user", 3, List.of()), LlmRequest.of(model, "system", "user"));
        return new PendingAnalysis(partition, offset, prepared);
    }
}
