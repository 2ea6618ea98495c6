package io.chimera.insight.platform.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.SparseStore;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.ByteArrayOutputStream;
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

    /**
     * The writer's bytes are the library's: values spread over a few to many bins (indexes whose zigzag
     * takes one to three varint bytes, counts arrays whose length takes one or two), with and without
     * zeros, one value, only zeros, and another mapping.
     */
    @Test
    void theDenseWriterWritesTheLibrarysBytes() {
        Random random = new Random(9);
        for (int trial = 0; trial < 400; trial++) {
            LogarithmicMapping mapping = new LogarithmicMapping(trial % 50 == 0 ? 0.02 : 0.01);
            DDSketch sketch = new DDSketch(mapping, () -> new CollapsingLowestDenseStore(2048));
            double low = Math.pow(10, random.nextInt(40) - 20);
            int values = trial % 10 == 0 ? 1 : 1 + random.nextInt(500);
            double spread = Math.pow(10, random.nextInt(4));
            for (int i = 0; i < values; i++) {
                sketch.accept(trial % 40 == 1 ? 0.0 : low * (1 + spread * random.nextDouble()));
            }
            int zeros = trial % 3 == 0 ? random.nextInt(4) : 0;
            for (int i = 0; i < zeros; i++) {
                sketch.accept(0.0);
            }
            assertThat(written(sketch)).as("trial %d", trial).isEqualTo(SketchCodec.encode(sketch));
        }
    }

    @Test
    void theDenseWriterIsForDenseStoresOnly() {
        DDSketch sparse = DDSketches.sparse(0.02);
        sparse.accept(1.0);
        assertThat(SketchCodec.DenseWriter.of(sparse.getIndexMapping(), sparse.getPositiveValueStore(), 0.0)).isNull();
    }

    /** The writer's bytes of a sketch with no negative values, its bins walked as a snapshot walks them. */
    private static byte[] written(DDSketch sketch) {
        double zeros = sketch.getCount() - sketch.getPositiveValueStore().getTotalCount();
        SketchCodec.DenseWriter writer = SketchCodec.DenseWriter.of(sketch.getIndexMapping(),
                sketch.getPositiveValueStore(), zeros);
        sketch.getPositiveValueStore().forEach(writer);
        return writer.bytes();
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

    /**
     * A store's contiguous counts may come in several runs of field 2, packed or one double each, and the
     * offset (field 3) after them: they are read in order as one run, however many there are.
     */
    @Test
    void contiguousCountsInSeveralRunsAreReadAsOne() {
        double[] counts = new double[40];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 5 == 0 ? 0.0 : i + 0.5;
        }
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        packed(store, Arrays.copyOfRange(counts, 0, 3));
        for (int i = 3; i < 7; i++) {
            store.write(0x11); // field 2, fixed64: one count, unpacked
            fixed64(store, counts[i]);
        }
        packed(store, Arrays.copyOfRange(counts, 7, 40));
        store.write(0x18); // field 3, varint: the offset, zigzag
        store.write(2 * 37);
        ByteArrayOutputStream sketch = new ByteArrayOutputStream();
        ByteArrayOutputStream mapping = new ByteArrayOutputStream();
        mapping.write(0x09); // field 1, fixed64: gamma
        fixed64(mapping, 1.02);
        embedded(sketch, 0x0A, mapping.toByteArray());
        embedded(sketch, 0x12, store.toByteArray());

        DDSketch decoded = SketchCodec.decode(sketch.toByteArray(), UnboundedSizeDenseStore::new);

        UnboundedSizeDenseStore expected = new UnboundedSizeDenseStore();
        for (int i = 0; i < counts.length; i++) {
            expected.add(37 + i, counts[i]);
        }
        assertThat(decoded.getPositiveValueStore().getAscendingStream().map(bin -> bin.getIndex() + ":" + bin.getCount()))
                .containsExactlyElementsOf(expected.getAscendingStream().map(bin -> bin.getIndex() + ":" + bin.getCount())
                        .toList())
                .hasSize(32);
    }

    private static void packed(ByteArrayOutputStream out, double[] values) {
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (double value : values) {
            fixed64(run, value);
        }
        embedded(out, 0x12, run.toByteArray()); // field 2, length-delimited
    }

    private static void embedded(ByteArrayOutputStream out, int tag, byte[] bytes) {
        out.write(tag);
        int length = bytes.length;
        while (length >= 0x80) {
            out.write(length & 0x7F | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(bytes);
    }

    private static void fixed64(ByteArrayOutputStream out, double value) {
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
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
