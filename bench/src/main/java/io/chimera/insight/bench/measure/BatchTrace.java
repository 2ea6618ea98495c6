package io.chimera.insight.bench.measure;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.LlmCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.Locale;
import java.util.Map;

/**
 * Where one batch of the parallel-efficiency measure spent its time, from the results themselves:
 * how evenly the calls were spread over the workers, when the last analysis finished in the service
 * ({@code completedAt}, set once its answer was verified) and how long after that its result was
 * read, i.e. committed by the service's transaction and fetched by the bench. A batch that is slow
 * because a worker got more calls than its share, and one that is slow because the last result
 * waited on its commit, look the same in the batch time alone.
 *
 * @param callsPerWorker   fewest and most calls one worker served in the batch (of the workers that served any)
 * @param lastCompleted    batch start (the first send) → the last analysis finished in the service
 * @param lastResultWait   the longest wait of a result between its analysis finishing and the bench reading it
 * @param tail             the last analysis finished → the last result read
 */
public record BatchTrace(IntSummaryStatistics callsPerWorker, Duration lastCompleted, Duration lastResultWait,
                         Duration tail) {

    static BatchTrace of(Instant batchStart, Collection<RequestDriver.Seen> results) {
        Map<String, Integer> calls = new HashMap<>();
        Instant lastCompleted = batchStart;
        Instant lastRead = batchStart;
        Duration longestWait = Duration.ZERO;
        for (RequestDriver.Seen seen : results) {
            AnalysisResult result = seen.result();
            LlmCall call = result.getCall();
            if (call != null) { // a result no worker answered counts for no worker
                calls.merge(call.getEndpoint(), 1, Integer::sum);
            }
            Instant completed = result.getCompletedAt();
            if (completed.isAfter(lastCompleted)) {
                lastCompleted = completed;
            }
            if (seen.at().isAfter(lastRead)) {
                lastRead = seen.at();
            }
            Duration wait = Duration.between(completed, seen.at());
            if (wait.compareTo(longestWait) > 0) {
                longestWait = wait;
            }
        }
        IntSummaryStatistics perWorker = calls.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        return new BatchTrace(perWorker, Duration.between(batchStart, lastCompleted), longestWait,
                Duration.between(lastCompleted, lastRead));
    }

    /** E.g. {@code calls per worker 8–8, last analysis done at 1.62 s, read 41 ms later, longest wait 45 ms}. */
    public String describe() {
        String calls = callsPerWorker.getCount() == 0 ? "no call answered"
                : "calls per worker " + callsPerWorker.getMin() + "–" + callsPerWorker.getMax();
        return String.format(Locale.ROOT, "%s, last analysis done at %.2f s, read %d ms later, longest wait %d ms",
                calls, lastCompleted.toMillis() / 1e3, tail.toMillis(),
                lastResultWait.toMillis());
    }
}
