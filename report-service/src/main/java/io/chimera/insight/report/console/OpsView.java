package io.chimera.insight.report.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ops page's figures: over the last {@code window} (rates, the lag and the LLM calls of that
 * window) and since the process started (the lag). A figure is null when its meter is not in this
 * process (ingest's, in a report service run alone) or nothing was recorded.
 *
 * @param inflight    LLM calls running now, by worker
 * @param deadLetters dead letters since the start, by stage
 * @param points      one per reading, oldest first: the time series
 */
record OpsView(Instant at, Duration window, Double filesPerS, Double runsPerS, Double lagMsP50, Double lagMsP99,
               Double lagMsP50Total, Double lagMsP99Total, long reports, Double ttftMsP50, Double tokensPerSP50,
               long llmCalls, Map<String, Double> inflight, Map<String, Double> deadLetters, List<Point> points) {

    /** The series at one reading; each value over its own window ending there. */
    record Point(Instant at, Double filesPerS, Double runsPerS, double inflight, Double lagMsP50, Double ttftMsP50,
                 Double tokensPerSP50) {
    }
}
