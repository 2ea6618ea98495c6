package io.chimera.insight.ingest.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimiterSnifferTest {

    @Test
    void picksTheDelimiterWithAConsistentCountOutsideQuotes() {
        assertThat(DelimiterSniffer.sniff(List.of("a,b,c", "1,\"x,y\",3"))).isEqualTo(',');
        assertThat(DelimiterSniffer.sniff(List.of("a;b;c", "1,5;2,5;3"))).isEqualTo(';');
        assertThat(DelimiterSniffer.sniff(List.of("a\tb", "1\t2"))).isEqualTo('\t');
    }

    @Test
    void fallsBackToCommaWhenNothingIsConclusive() {
        assertThat(DelimiterSniffer.sniff(List.of("just one column", "still one"))).isEqualTo(',');
        assertThat(DelimiterSniffer.sniff(List.of())).isEqualTo(',');
    }
}
