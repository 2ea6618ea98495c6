package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmCallFailedException;
import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmModelNotFoundException;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Which failures the pool tries again, and after how long.
 *
 * <p>Retried: whatever {@link LlmException#retryable()} says may pass on another try (connect
 * errors and timeouts, HTTP 5xx, 408 and 429, an error line mid-stream, a broken stream), and a
 * missing model, because the endpoint that lacked it is out of rotation now and another may have
 * it. Not retried: other 4xx (the request is wrong), and {@link NoWorkerAvailableException}, since
 * nothing could answer a retry now; the caller schedules that one itself.
 *
 * <p>Waits: exponential from {@code initialBackoff}, doubling, randomised by ±50 % (so callers that
 * failed together do not return together), capped at {@code maxBackoff}; a {@code Retry-After}
 * from the server is honoured when longer, up to {@code maxRetryAfter}.
 */
final class RetryPolicy {

    private static final double MULTIPLIER = 2.0;
    private static final double RANDOMIZATION = 0.5;

    private RetryPolicy() {
    }

    static Retry retry(String name, PoolSettings settings) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), MULTIPLIER,
                RANDOMIZATION, settings.maxBackoff());
        RetryConfig config = RetryConfig.<LlmResponse>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(RetryPolicy::retryable)
                .intervalBiFunction((Integer attempt, Either<Throwable, LlmResponse> outcome) ->
                        waitMillis(backoff.apply(attempt), outcome, settings.maxRetryAfter().toMillis()))
                .build();
        return Retry.of(name, config);
    }

    static boolean retryable(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof NoWorkerAvailableException) {
            return false;
        }
        if (failure instanceof LlmModelNotFoundException) {
            return true;
        }
        return failure instanceof LlmException llm && llm.retryable();
    }

    static long waitMillis(long backoffMillis, Either<Throwable, LlmResponse> outcome, long maxRetryAfterMillis) {
        if (outcome != null && outcome.isLeft() && unwrap(outcome.getLeft()) instanceof LlmCallFailedException failed
                && failed.retryAfter().isPresent()) {
            long asked = Math.min(failed.retryAfter().get().toMillis(), maxRetryAfterMillis);
            return Math.max(backoffMillis, asked);
        }
        return backoffMillis;
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
