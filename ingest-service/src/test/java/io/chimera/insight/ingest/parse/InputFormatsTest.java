package io.chimera.insight.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.parse.csv.CsvFileParser;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InputFormatsTest {

    @Test
    void everyDeclaredExtensionPromisesItsParsersFormat() {
        for (InputFormat format : InputFormats.ALL) {
            for (String extension : format.extensions()) {
                assertThat(FormatDetector.byExtension("runs." + extension)).as(extension).contains(format.format());
                assertThat(FormatDetector.byExtension("RUNS." + extension.toUpperCase(Locale.ROOT)))
                        .as(extension).contains(format.format());
            }
        }
        assertThat(FormatDetector.byExtension("out.txt")).isEmpty();
        assertThat(FormatDetector.byExtension("README")).isEmpty();
    }

    @Test
    void theSupportedFormatsAreNamedInRegistrationOrder() {
        assertThat(InputFormats.names()).isEqualTo("CSV, JSON, NDJSON, Markdown");
    }

    @Test
    void anExtensionIsWrittenLowerCaseWithoutItsDot() {
        assertThatThrownBy(() -> new InputFormat(FileFormat.TEXT, "Text", List.of(".txt"), CsvFileParser::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".txt");
        assertThatThrownBy(() -> new InputFormat(FileFormat.TEXT, "Text", List.of("TXT"), CsvFileParser::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TXT");
    }

    @Test
    void anExtensionOrAFormatIsClaimedByOneParserOnly() {
        InputFormat tables = new InputFormat(FileFormat.CSV, "Tables", List.of("txt", "csv"), CsvFileParser::new);
        assertThatThrownBy(() -> InputFormats.indexByExtension(List.of(CsvFileParser.FORMAT, tables)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CSV");
        InputFormat text = new InputFormat(FileFormat.TEXT, "Text", List.of("txt", "csv"), CsvFileParser::new);
        assertThatThrownBy(() -> InputFormats.indexByExtension(List.of(CsvFileParser.FORMAT, text)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".csv is claimed by both CSV and Text");
    }
}
