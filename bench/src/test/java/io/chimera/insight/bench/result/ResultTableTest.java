package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void rowsKeepTheirOrderAndSayPassOrMissAgainstTheTarget() {
        ResultTable table = new ResultTable();
        table.add(Figure.info("raw producer", "79,031 records/s"));
        table.add(Figure.atLeast("ingest ÷ raw producer", "0.05", 0.05, 0.8, "≥ 0.8"));
        table.add(Figure.atMost("lag p50", "573 ms", 573, 1000, "≤ 1 s"));
        table.add(Figure.exactly("calls per burst", "2", 2, 1, "1"));

        assertThat(table.toMarkdown()).isEqualTo("""
                | # | figure | value | target | result |
                |---|---|---|---|---|
                | 1 | raw producer | 79,031 records/s | — | — |
                | 2 | ingest ÷ raw producer | 0.05 | ≥ 0.8 | **miss** |
                | 3 | lag p50 | 573 ms | ≤ 1 s | pass |
                | 4 | calls per burst | 2 | 1 | **miss** |
                """);
        assertThat(table.misses()).isEqualTo(2);
    }

    @Test
    void aPipeInAValueDoesNotBreakTheTable() {
        ResultTable table = new ResultTable();
        table.add(Figure.info("a | b", "c"));

        assertThat(table.toMarkdown()).contains("| 1 | a \\| b | c | — | — |");
    }
}
