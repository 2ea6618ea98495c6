package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.result.GcPauses;
import org.junit.jupiter.api.Test;

class HeapTest {

    @Test
    void settleCollectsTheHeap() {
        GcPauses since = GcPauses.start();

        Heap.settle();

        assertThat(since.collections()).isGreaterThan(0);
    }
}
