package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

    @Test
    void theShortcutForTheCommonFormAgreesWithTheFormatter() {
        Random random = new Random(5);
        int shortcutAnswered = 0;
        String[] offsets = {"", "Z", "+02:00", "-05:30", "+18:00", "+19:00", "+05:60", "-00:00", "+0200", "+02:00:30",
            "[Europe/Paris]", "Z[UTC]", "z", " "};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02d%c%02d:%02d:%02d",
                    random.nextInt(3) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(40), random.nextInt(14),
                    random.nextInt(33), random.nextBoolean() ? 'T' : ' ', random.nextInt(26), random.nextInt(62),
                    random.nextInt(62)));
            int fraction = random.nextInt(12) - 1;
            if (fraction >= 0) {
                text.append('.');
                for (int d = 0; d < fraction; d++) {
                    text.append(random.nextInt(10));
                }
            }
            text.append(offsets[random.nextInt(offsets.length)]);
            String sample = text.toString();
            shortcutAnswered += CommonIsoForm.read(sample.trim()) != CommonIsoForm.NOT_THIS_FORM ? 1 : 0;
            assertThat(Timestamps.parse(sample)).as("'%s'", sample).isEqualTo(Timestamps.byFormatter(sample.trim()));
        }
    }
}
