package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapTest {

    @Test
    void settleCollectsTheHeap() {
        long before = Heap.collections();

        Heap.settle();

        assertThat(Heap.collections()).isGreaterThan(before);
    }
}
