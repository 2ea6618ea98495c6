package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmCallFailedException;
import io.chimera.insight.analysis.llm.LlmModelNotFoundException;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
import io.chimera.insight.events.LlmFailureKind;
import io.github.resilience4j.core.functions.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final String URL = "http://gpu:11434";

    @Test
    void retriesWorkerFailuresButNotWrongRequestsOrAnEmptyPool() {
        assertThat(RetryPolicy.retryable(failed(500))).isTrue();
        assertThat(RetryPolicy.retryable(failed(503))).isTrue();
        assertThat(RetryPolicy.retryable(failed(429))).isTrue();
        assertThat(RetryPolicy.retryable(failed(408))).isTrue();
        assertThat(RetryPolicy.retryable(new LlmCallFailedException(URL, LlmFailureKind.STREAM_ERROR, null, null, "broke off", null))).isTrue();
        assertThat(RetryPolicy.retryable(new LlmUnavailableException(URL, LlmFailureKind.UNREACHABLE, null, "refused", null))).isTrue();
        assertThat(RetryPolicy.retryable(new CompletionException(failed(502)))).isTrue();
        assertThat(RetryPolicy.retryable(new LlmModelNotFoundException(URL, LlmApi.OLLAMA, "m", "gone"))).isTrue();

        assertThat(RetryPolicy.retryable(failed(400))).isFalse();
        assertThat(RetryPolicy.retryable(failed(401))).isFalse();
        assertThat(RetryPolicy.retryable(new NoWorkerAvailableException("m", List.of(), List.of()))).isFalse();
        assertThat(RetryPolicy.retryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aLongerRetryAfterWinsOverTheBackoffUpToTheCap() {
        Either<Throwable, LlmResponse> throttled = Either.left(new LlmCallFailedException(URL, LlmFailureKind.SERVER_ERROR, 429, null, "slow down", null,
                Duration.ofSeconds(2)));
        Either<Throwable, LlmResponse> crashed = Either.left(failed(500));

        assertThat(RetryPolicy.waitMillis(300, throttled, 60_000)).isEqualTo(2_000);
        assertThat(RetryPolicy.waitMillis(5_000, throttled, 60_000)).isEqualTo(5_000);
        assertThat(RetryPolicy.waitMillis(300, throttled, 1_000)).isEqualTo(1_000);
        assertThat(RetryPolicy.waitMillis(300, crashed, 60_000)).isEqualTo(300);
    }

    private static LlmCallFailedException failed(int status) {
        return new LlmCallFailedException(URL, LlmFailureKind.SERVER_ERROR, status, null, "HTTP " + status, null);
    }
}
