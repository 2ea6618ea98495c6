package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A file's chunk keys as {@link ChunkedFileEntries} keeps them (the first one built in a field of its own, the
 * others in a map): each number gets its own key, built once, whichever chunks were dropped before.
 */
class FileChunksKeysTest {

    private static final String PREFIX = StateKeys.filePointsPrefix("gemma3:270m", "{\"ctx\":\"4096\"}", "f1");

    @Test
    void eachChunkHasItsOwnKeyBuiltOnceWhicheverChunksWereDroppedBefore() {
        FileChunks chunks = new FileChunks(PREFIX);
        for (int number : new int[] {2, 0, 1}) {
            assertThat(chunks.key(number)).isEqualTo(StateKeys.pointChunk(PREFIX, number));
        }
        assertThat(chunks.key(0)).as("built once").isSameAs(chunks.key(0));
        assertThat(chunks.key(2)).as("built once").isSameAs(chunks.key(2));

        chunks.drop(2); // the first key built
        chunks.drop(1);
        for (int number : new int[] {0, 3, 1, 2}) {
            assertThat(chunks.key(number)).as("chunk %d after drops", number).isEqualTo(StateKeys.pointChunk(PREFIX, number));
        }
        assertThat(chunks.key(3)).as("built once").isSameAs(chunks.key(3));
    }
}
