package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2025-10-02T19:12:04.495331+00:00, 2025-10-02T19:12:04.495331Z",
            "2025-11-10T05:07:29.911675100Z, 2025-11-10T05:07:29.911675100Z",
            "2025-09-30T20:11:33, 2025-09-30T20:11:33Z",
            "2025-10-02 19:18:24, 2025-10-02T19:18:24Z",
            "2025-10-08T12:00:00+02:00, 2025-10-08T10:00:00Z",
            "2025-10-02, 2025-10-02T00:00:00Z",
            "1759275970.6627235, 2025-09-30T23:46:10.662Z",
            "1759275970662, 2025-09-30T23:46:10.662Z"})
    void readsTheFormsRigsWrite(String raw, String expected) {
        assertThat(Timestamps.parse(raw)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "''", "12:30", "2025-13-45", "2025-10-02T25:00:00", "a long label and not a time"})
    void givesNothingForWhatIsNotATime(String raw) {
        assertThat(Timestamps.parse(raw)).isEmpty();
    }
}
