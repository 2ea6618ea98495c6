package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysDoubleFromTheFirstUpToTheLongest() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 8, 0);
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> policy.delayAfter(n, () -> 0.5).toSeconds()))
                .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L);
    }

    @Test
    void jitterMovesEachDelayByAtMostItsFractionEitherWay() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 3, 0.2);
        assertThat(policy.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(1, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void theAttemptsAreBoundedTheFirstIncluded() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3, 0);
        assertThat(policy.exhausted(2)).isFalse();
        assertThat(policy.exhausted(3)).isTrue();
        assertThat(RetryPolicy.INGEST.maxAttempts()).isEqualTo(8);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayAfter(0, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
