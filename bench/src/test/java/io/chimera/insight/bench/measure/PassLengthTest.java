package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PassLengthTest {

    private final PassLength length = new PassLength(20, Duration.ofSeconds(1));

    @Test
    void aPassOfFastRequestsRunsOnUntilItsTimeIsUp() {
        assertThat(length.reached(20, Duration.ofMillis(400))).as("20 requests in 0.4 s").isFalse();
        assertThat(length.reached(55, Duration.ofMillis(999))).as("55 requests, just under 1 s").isFalse();
        assertThat(length.reached(56, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aPassOfSlowRequestsRunsOnUntilItHasSentItsRequests() {
        assertThat(length.reached(5, Duration.ofSeconds(3))).as("5 requests in 3 s").isFalse();
        assertThat(length.reached(19, Duration.ofSeconds(4))).isFalse();
        assertThat(length.reached(20, Duration.ofSeconds(4))).isTrue();
    }

    @Test
    void describesBothBounds() {
        assertThat(length.describe()).isEqualTo("at least 20 requests and at least 1.00 s");
    }

    @Test
    void refusesAPassOfNoRequests() {
        assertThatThrownBy(() -> new PassLength(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
