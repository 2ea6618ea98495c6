package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.ingest.publish.PublishException;
import io.chimera.insight.platform.kafka.RetryPolicy;
import io.chimera.insight.platform.service.ServiceHealth;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailingFilesTest {

    private static final PublishException DOWN = new PublishException("publishing a.csv failed: timed out",
            new TimeoutException("timed out"));

    private final FailingFiles failing = new FailingFiles(
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(15), 4, 0), () -> 0.5);

    @Test
    void eachFailureOfAFileWaitsLongerUntilItsAttemptsAreSpent() {
        assertThat(failing.failed("a.csv", "v1", DOWN)).isEqualTo(new FailingFiles.Retry(1,
                Optional.of(Duration.ofSeconds(5))));
        assertThat(failing.failed("a.csv", "v1", DOWN).delay()).hasValue(Duration.ofSeconds(10));
        assertThat(failing.failed("a.csv", "v1", DOWN).delay()).hasValue(Duration.ofSeconds(15));
        assertThat(failing.failed("a.csv", "v1", DOWN)).isEqualTo(new FailingFiles.Retry(4, Optional.empty()));
        assertThat(failing.health(true)).as("given up: no longer failing").isEqualTo(ServiceHealth.UP);
    }

    @Test
    void aChangedVersionStartsCountingAgainAndEachFileCountsAlone() {
        failing.failed("a.csv", "v1", DOWN);
        failing.failed("a.csv", "v1", DOWN);
        assertThat(failing.failed("a.csv", "v2", DOWN).attempts()).isEqualTo(1);
        assertThat(failing.failed("b.csv", "v1", DOWN).attempts()).isEqualTo(1);
    }

    @Test
    void healthIsDegradedWhileFilesWaitForAnotherAttemptAndUpOnceTheySucceed() {
        assertThat(failing.health(true)).isEqualTo(ServiceHealth.UP);
        failing.failed("a.csv", "v1", DOWN);
        failing.failed("b.csv", "v1", DOWN);
        ServiceHealth degraded = failing.health(true);
        assertThat(degraded.state()).isEqualTo(ServiceHealth.State.DEGRADED);
        assertThat(degraded.reason()).startsWith("2 files failing to publish").contains("b.csv: " + DOWN.getMessage());
        assertThat(failing.health(false).state()).as("stopped wins").isEqualTo(ServiceHealth.State.DOWN);

        failing.settled("a.csv");
        failing.settled("b.csv");
        assertThat(failing.health(true)).isEqualTo(ServiceHealth.UP);
    }
}
