package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.LlmCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTraceTest {

    private static final Instant START = Instant.parse("2026-12-05T16:00:00Z");

    @Test
    void countsCallsPerWorkerAndSplitsTheBatchAtItsLastAnalysis() {
        List<RequestDriver.Seen> results = List.of(
                seen("http://a", 200, 210),
                seen("http://a", 400, 530),   // waited 130 ms for its commit
                seen("http://b", 205, 215),
                seen("http://b", 410, 415),
                seen("http://b", 612, 640),   // the last analysis, read 28 ms later
                seen(null, 300, 320));        // no worker answered

        BatchTrace trace = BatchTrace.of(START, results);

        assertThat(trace.callsPerWorker().getMin()).isEqualTo(2);
        assertThat(trace.callsPerWorker().getMax()).isEqualTo(3);
        assertThat(trace.lastCompleted()).isEqualTo(Duration.ofMillis(612));
        assertThat(trace.tail()).isEqualTo(Duration.ofMillis(28));
        assertThat(trace.lastResultWait()).isEqualTo(Duration.ofMillis(130));
        assertThat(trace.describe()).isEqualTo(
                "calls per worker 2–3, last analysis done at 0.61 s, read 28 ms later, longest wait 130 ms");
    }

    private static RequestDriver.Seen seen(String endpoint, long completedMs, long readMs) {
        AnalysisResult result = new AnalysisResult();
        result.setCompletedAt(START.plusMillis(completedMs));
        result.setCall(endpoint == null ? null : LlmCall.newBuilder().setEndpoint(endpoint).build());
        return new RequestDriver.Seen(result, START.plusMillis(readMs));
    }
}
