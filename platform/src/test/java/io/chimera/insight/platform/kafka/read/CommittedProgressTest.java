package io.chimera.insight.platform.kafka.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommittedProgressTest {

    private static final TopicPartition P0 = new TopicPartition("benchmark-runs", 0);
    private static final TopicPartition P1 = new TopicPartition("benchmark-runs", 1);

    @Test
    void aGroupThatCommittedJustBeforeEachCommitMarkerHasCaughtUp() {
        Map<TopicPartition, Long> ends = Map.of(P0, 11L, P1, 5L); // offsets 10 and 4 are commit markers

        assertThat(CommittedProgress.caughtUp(ends, Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(5))))
                .isTrue();
    }

    @Test
    void aGroupShortOfTheLastRecordOfOnePartitionHasNotCaughtUp() {
        Map<TopicPartition, Long> ends = Map.of(P0, 11L, P1, 5L);

        assertThat(CommittedProgress.caughtUp(ends, Map.of(P0, new OffsetAndMetadata(9), P1, new OffsetAndMetadata(5))))
                .isFalse();
    }

    @Test
    void aPartitionNeverCommittedCountsAsUnreadUnlessItIsEmpty() {
        assertThat(CommittedProgress.caughtUp(Map.of(P0, 0L, P1, 3L), Map.of(P1, new OffsetAndMetadata(2)))).isTrue();
        assertThat(CommittedProgress.caughtUp(Map.of(P0, 4L, P1, 3L), Map.of(P1, new OffsetAndMetadata(2)))).isFalse();
    }
}
