package io.chimera.insight.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.FileFormat;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    @Test
    void extensionDecidesWhenItIsKnown() {
        assertThat(FormatDetector.detect("runs.csv", "{}")).isEqualTo(FileFormat.CSV);
        assertThat(FormatDetector.detect("report.MD", "a")).isEqualTo(FileFormat.MARKDOWN);
        assertThat(FormatDetector.detect("runs.jsonl", "{}")).isEqualTo(FileFormat.NDJSON);
        assertThat(FormatDetector.detect("runs.json", "{\"a\": 1}")).isEqualTo(FileFormat.JSON);
    }

    @Test
    void jsonFileHoldingOneObjectPerLineIsNdjson() {
        assertThat(FormatDetector.detect("runs.json", "{\"a\": 1}\n{\"a\": 2}\n")).isEqualTo(FileFormat.NDJSON);
    }

    @Test
    void contentDecidesForOtherNames() {
        assertThat(FormatDetector.detect("out.txt", "  [1, 2]")).isEqualTo(FileFormat.JSON);
        assertThat(FormatDetector.detect("out.log", "model;ttft_ms\ngemma3;12\n")).isEqualTo(FileFormat.CSV);
        assertThat(FormatDetector.detect("README", "# Title\n\nText")).isEqualTo(FileFormat.MARKDOWN);
        assertThat(FormatDetector.detect("LICENSE", "MIT License\n\nPermission is hereby granted"))
                .isEqualTo(FileFormat.TEXT);
    }
}
