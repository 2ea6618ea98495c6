package io.chimera.insight.analysis.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenOffsetsTest {

    private final OpenOffsets offsets = new OpenOffsets();

    @Test
    void theCommitPointStaysAtTheOldestOpenRequest() {
        offsets.opened(10);
        offsets.opened(11);
        offsets.opened(12);
        assertThat(offsets.advance()).hasValue(10);
        offsets.committed(10);

        offsets.closed(11);
        offsets.closed(12);
        assertThat(offsets.advance()).as("10 is still open").isEmpty();

        offsets.closed(10);
        assertThat(offsets.advance()).hasValue(13);
        offsets.committed(13);
        assertThat(offsets.advance()).isEmpty();
    }

    @Test
    void nothingReadMeansNothingToCommit() {
        assertThat(offsets.advance()).isEmpty();
    }

    @Test
    void aRecordClosedAsSoonAsReadMovesThePointPastIt() {
        offsets.opened(0);
        offsets.closed(0);

        assertThat(offsets.advance()).hasValue(1);
        assertThat(offsets.openCount()).isZero();
    }
}
