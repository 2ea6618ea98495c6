package io.chimera.insight.localstack.worker;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays one generation in real time: waits the first-token delay, emits one chunk per token at
 * the configured pace, applies a mid-stream failure if one was chosen, and measures the durations
 * Ollama reports. Chunk deadlines are computed from the start of the eval phase, not from the
 * previous chunk, so rounding of short sleeps does not accumulate into a slower rate.
 */
final class Generation {

    private final long ttftMs;
    private final long loadDurationMs;
    private final double tokensPerS;
    private final long slowFirstTokenMs;
    private final int chunksBeforeFailure;
    private final String errorMessage;
    private final long stallMs;

    /** Takes a snapshot of the settings, so a change mid-call does not produce inconsistent statistics. */
    Generation(SimulatorSettings settings) {
        this.ttftMs = settings.ttftMs();
        this.loadDurationMs = settings.loadDurationMs();
        this.tokensPerS = settings.tokensPerS();
        this.slowFirstTokenMs = settings.slowFirstTokenMs();
        this.chunksBeforeFailure = settings.chunksBeforeFailure();
        this.errorMessage = settings.errorMessage();
        this.stallMs = settings.stallMs();
    }

    /**
     * Runs the generation into {@code sink}.
     *
     * @param failure null, or the failure to inject ({@code HTTP_*} modes are handled before this)
     * @throws SimulatedDrop when the failure is {@link FailureMode#DROP_CONNECTION}
     */
    void run(String text, int promptTokens, FailureMode failure, GenerationSink sink) throws IOException {
        long start = System.nanoTime();
        long firstTokenDelayMs = ttftMs + (failure == FailureMode.SLOW_FIRST_TOKEN ? slowFirstTokenMs : 0);
        parkUntil(start + TimeUnit.MILLISECONDS.toNanos(firstTokenDelayMs));
        long evalStart = System.nanoTime();

        List<String> pieces = TokenChunker.split(text);
        double nanosPerToken = TimeUnit.SECONDS.toNanos(1) / tokensPerS;
        boolean failsMidStream = failure == FailureMode.ERROR_MID_STREAM || failure == FailureMode.DROP_CONNECTION
                || failure == FailureMode.MALFORMED_LINE;
        long stalledNanos = 0;
        for (int i = 0; i < pieces.size(); i++) {
            if (failsMidStream && i == chunksBeforeFailure) {
                fail(failure, sink);
                return;
            }
            if (failure == FailureMode.STALL && i == Math.min(chunksBeforeFailure, pieces.size() - 1)) {
                sink.flush();
                stalledNanos = TimeUnit.MILLISECONDS.toNanos(stallMs);
            }
            parkUntil(evalStart + stalledNanos + (long) (i * nanosPerToken));
            sink.content(pieces.get(i));
        }
        if (failsMidStream) {
            // Shorter answer than the failure point: the runner still dies before reporting done.
            fail(failure, sink);
            return;
        }
        parkUntil(evalStart + stalledNanos + (long) (pieces.size() * nanosPerToken));
        long end = System.nanoTime();

        long beforeFirstToken = evalStart - start;
        long loadNs = Math.min(TimeUnit.MILLISECONDS.toNanos(loadDurationMs), beforeFirstToken);
        sink.done(new GenerationStats(end - start, loadNs, promptTokens, beforeFirstToken - loadNs,
                pieces.size(), end - evalStart));
    }

    /** How long a dropped stream stays open after its last chunk. */
    private static final long DROP_AFTER_LAST_CHUNK_MS = 100;

    private void fail(FailureMode failure, GenerationSink sink) throws IOException {
        if (failure == FailureMode.DROP_CONNECTION) {
            sink.flush();
            // The server tears the connection down abruptly; if that reaches the client before it
            // has read the flushed chunks, its kernel discards them with the reset. A crashed worker
            // dies a moment after its last chunk, not in the same instant: wait that moment.
            parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DROP_AFTER_LAST_CHUNK_MS));
            throw new SimulatedDrop();
        }
        if (failure == FailureMode.MALFORMED_LINE) {
            sink.garbage("<!-- upstream worker crashed -->\u0007 not json");
            return;
        }
        sink.error(errorMessage);
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
