package io.chimera.insight.analysis.verify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NumberExtractorTest {

    @Test
    void readsThousandsSeparatorsAndDecimalsWithTheirPrecision() {
        List<WrittenNumber> numbers = NumberExtractor.extract("TTFT was 4,633 ms, i.e. 4.63 s, against 4.60 s.");

        assertThat(numbers).extracting(WrittenNumber::text).containsExactly("4,633", "4.63", "4.60");
        assertThat(numbers.get(0).value()).isEqualTo(4633.0);
        assertThat(numbers.get(0).halfUnit()).isEqualTo(0.5);
        assertThat(numbers.get(1).value()).isEqualTo(4.63);
        assertThat(numbers.get(1).halfUnit()).isCloseTo(0.005, within(1e-12));
        assertThat(numbers.get(2).halfUnit()).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void trailingZerosOfIntegersAreRoundingButTwoDigitsStaySignificant() {
        List<WrittenNumber> numbers = NumberExtractor.extract("about 4600 ms, 100 runs, 20 files, 5000 tokens, 0 errors");

        assertThat(numbers).extracting(WrittenNumber::halfUnit).containsExactly(50.0, 5.0, 0.5, 50.0, 0.5);
    }

    @Test
    void digitsInsideIdentifiersAreNotNumbers() {
        assertThat(NumberExtractor.extract("gemma3 p95 q4_K_M H100 fp16 v0.6.2")).isEmpty();
    }

    @Test
    void digitsAfterAColonOrEqualsSignAreNumbers() {
        assertThat(NumberExtractor.extract("gemma3:270m with num_ctx=2048"))
                .extracting(WrittenNumber::value).containsExactly(270.0, 2048.0);
    }

    @Test
    void marksPercentagesRatiosAndThousands() {
        List<WrittenNumber> numbers = NumberExtractor.extract("25% faster, 12 percent fewer, 1.5x the rate, a 4k context");

        assertThat(numbers).extracting(WrittenNumber::text).containsExactly("25%", "12 percent", "1.5x", "4k");
        assertThat(numbers).extracting(WrittenNumber::kind).containsExactly(
                WrittenNumber.Kind.PERCENT, WrittenNumber.Kind.PERCENT, WrittenNumber.Kind.RATIO, WrittenNumber.Kind.PLAIN);
        assertThat(numbers.get(3).value()).isEqualTo(4000.0);
        assertThat(numbers.get(3).halfUnit()).isEqualTo(500.0);
    }

    @Test
    void skipsListMarkersOrdinalsAndIsoDates() {
        String text = "1. Raise num_ctx to 2048.\n2) Keep the 95th percentile under 300 ms.\n(3) Re-run on 2025-01-15T10:00:00Z.";

        assertThat(NumberExtractor.extract(text)).extracting(WrittenNumber::text).containsExactly("2048", "300");
    }

    @Test
    void aNumberMidSentenceFollowedByAFullStopIsNotAListMarker() {
        assertThat(NumberExtractor.extract("Failed runs: 2. Files: 3."))
                .extracting(WrittenNumber::text).containsExactly("2", "3");
    }

    @Test
    void flagsOnlyNumbersWrittenAsYears() {
        List<WrittenNumber> numbers = NumberExtractor.extract(
                "measured in 2024 and since March 2025 with 2048 tokens, 2,025 runs, in 2050 ms, 2019 runs");

        assertThat(numbers).extracting(WrittenNumber::yearLike).containsExactly(true, true, false, false, false, false);
    }

    @Test
    void signsAreIgnored() {
        assertThat(NumberExtractor.extract("a change of -12% and +3.5 ms"))
                .extracting(WrittenNumber::value).containsExactly(12.0, 3.5);
    }

    @Test
    void matchesFactsThatRoundToTheWrittenNumber() {
        WrittenNumber written = NumberExtractor.extract("4.63").get(0);

        assertThat(written.matches(4.63327)).isTrue();
        assertThat(written.matches(4.625)).isTrue();
        assertThat(written.matches(4.6251)).isTrue();
        assertThat(written.matches(4.6249)).isFalse();
        assertThat(written.matches(4.64)).isFalse();
    }
}
