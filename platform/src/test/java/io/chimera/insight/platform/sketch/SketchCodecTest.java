package io.chimera.insight.platform.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.store.SparseStore;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchCodecTest {

    private static final double[] QUANTILES = {0.0, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0};

    @Test
    void denseLogarithmicSketchRoundTripsBitForBit() {
        DDSketch sketch = DDSketches.logarithmicCollapsingLowestDense(0.01, 2048);
        fill(sketch, new Random(1));

        byte[] bytes = SketchCodec.encode(sketch);
        DDSketch decoded = SketchCodec.decode(bytes, UnboundedSizeDenseStore::new);

        assertThat(SketchCodec.encode(decoded)).isEqualTo(bytes);
        assertSameQuantiles(decoded, sketch);
        assertThat(decoded.getCount()).isEqualTo(sketch.getCount());
    }

    @Test
    void interpolatedMappingAndSparseStoreAreReadToo() {
        DDSketch cubicDense = DDSketches.unboundedDense(0.01);
        DDSketch sparse = DDSketches.sparse(0.02);
        fill(cubicDense, new Random(2));
        fill(sparse, new Random(3));

        assertSameQuantiles(SketchCodec.decode(SketchCodec.encode(cubicDense), UnboundedSizeDenseStore::new), cubicDense);
        assertSameQuantiles(SketchCodec.decode(SketchCodec.encode(sparse), SparseStore::new), sparse);
    }

    @Test
    void emptySketchDecodesEmpty() {
        DDSketch decoded = SketchCodec.decode(SketchCodec.encode(DDSketches.unboundedDense(0.01)), UnboundedSizeDenseStore::new);

        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void garbageIsRejectedWithIllegalArgument() {
        byte[] truncated = Arrays.copyOf(SketchCodec.encode(filled()), 7);

        assertThatThrownBy(() -> SketchCodec.decode(truncated, UnboundedSizeDenseStore::new))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SketchCodec.decode(new byte[] {0x08, 0x01}, UnboundedSizeDenseStore::new))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SketchCodec.decode(new byte[0], UnboundedSizeDenseStore::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no index mapping");
    }

    private static DDSketch filled() {
        DDSketch sketch = DDSketches.unboundedDense(0.01);
        fill(sketch, new Random(4));
        return sketch;
    }

    /** Positive, negative and zero values, over several orders of magnitude. */
    private static void fill(DDSketch sketch, Random random) {
        for (int i = 0; i < 2_000; i++) {
            double magnitude = Math.pow(10, random.nextInt(6) - 2) * random.nextDouble();
            sketch.accept(i % 10 == 0 ? 0.0 : i % 7 == 0 ? -magnitude : magnitude);
        }
    }

    private static void assertSameQuantiles(DDSketch actual, DDSketch expected) {
        for (double q : QUANTILES) {
            assertThat(actual.getValueAtQuantile(q)).as("q" + q).isEqualTo(expected.getValueAtQuantile(q));
        }
    }
}
