package io.chimera.insight.aggregate.statistics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.Output;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.BinAcceptor;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mergeable statistics of one metric: exact count, mean and M2 (Welford, merged with Chan et
 * al.'s parallel formula), exact min and max, and a DDSketch for percentiles with a 1% relative
 * error guarantee.
 *
 * <p>One {@linkplain #withoutMoments without moments} keeps the count, min, max and sketch alone: a running
 * model's, whose mean and M2 come from exact sums instead.
 *
 * <p>Mutable and not thread-safe; each instance lives inside one stream task.
 *
 * <p>The sketch uses the logarithmic (memory-optimal) mapping and a dense store that collapses
 * its lowest bins past {@value #MAX_BINS}. With 1% accuracy those bins span a ratio of more than
 * 10<sup>17</sup> between smallest and largest value, so collapsing never happens on real
 * benchmark data, yet a pathological input cannot grow the state without bound.
 *
 * <p>A {@linkplain #valuesFirst values-first} accumulator keeps its first {@value #VALUES_BEFORE_SKETCH}
 * values themselves instead of a sketch, and makes the sketch from them when it takes one more or is
 * merged past that count; until then a reader that needs a sketch (percentiles, the sketch bytes, a merge
 * into a sketch) gets one made from the values, which holds exactly the bins they would have filled one by
 * one. Why: the aggregation's (file, configuration) entries take 1.5 runs each in the bench's corpus, and
 * each is encoded on every run; a sketch made for one or two values cost its allocation, its encoding and
 * its decoding, where the values are a few doubles ({@code ConfigAggregateCodec}).
 */
public final class StatsAccumulator {

    /** Relative accuracy of every percentile: the returned value is within 1% of the true one. */
    public static final double RELATIVE_ACCURACY = 0.01;
    static final int MAX_BINS = 2048;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
    /** The largest value a sketch of {@link #MAPPING} counts as a zero (sketches-java 0.8.3's {@code DDSketch}). */
    private static final double MIN_INDEXED_VALUE = Math.max(0, MAPPING.minIndexableValue());
    /** What an accumulator holds besides its sketch's bins: its objects, moments and empty stores. */
    private static final int FIXED_BYTES = 200;
    /** sketches-java grows a dense store's array this many bins at a time (its default increment). */
    private static final int ARRAY_GROWTH_BINS = 64;
    /** p50, p90, p95, p99: the percentiles of a snapshot. */
    private static final double[] SNAPSHOT_QUANTILES = {0.50, 0.90, 0.95, 0.99};
    /** The most values a values-first accumulator holds before it makes its sketch. */
    public static final int VALUES_BEFORE_SKETCH = 8;
    /** The values of a values-first accumulator with none yet; shared, as no array of values is ever written to once held. */
    private static final double[] NO_VALUES = new double[0];

    private final String unit;
    /**
     * Count, mean and M2 of the values (Welford's update, Chan et al.'s merge): fields of this object, not a
     * {@link Moments} of its own, so that a value touches one object less (a configuration's and a model's
     * accumulators take each run's values) and a model's configurations hold an object less per metric.
     */
    private long count;
    private double mean;
    private double m2;
    /**
     * Whether {@link #mean} and {@link #m2} are kept: false for an accumulator {@linkplain #withoutMoments
     * without them}, and for one that merged such an accumulator in. Then only the count is.
     */
    private boolean momentsKept = true;
    /**
     * Whether the count, mean, M2, min and max are exactly (bit for bit) what {@link #add}ing the values held, in
     * their order, to an empty accumulator gives: true from {@link #valuesFirst} on while only values are added, so
     * the state codec can write the values alone and {@linkplain #ofValues recount} the rest on read; false after a
     * merge into values already held (Chan et al.'s moments are not Welford's to the last bit) and when the moments
     * are not kept. Meaningful only while the values are held.
     */
    private boolean recountOfValues;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    /** The sketch; null while the values are held instead ({@link #values}). Exactly one of the two is set. */
    private DDSketch sketch;
    /** The values added, in order, while there are at most {@value #VALUES_BEFORE_SKETCH}; null once sketched. */
    private double[] values;

    private StatsAccumulator(String unit, DDSketch sketch, double[] values) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.sketch = sketch;
        this.values = values;
    }

    /** No values yet, in {@code unit}. */
    public static StatsAccumulator empty(String unit) {
        return new StatsAccumulator(unit, newSketch(), null);
    }

    /**
     * No values yet, in {@code unit}; its first {@value #VALUES_BEFORE_SKETCH} values are kept as they are,
     * the sketch made when more come (see the class comment). Every figure is the same as {@link #empty}'s.
     */
    public static StatsAccumulator valuesFirst(String unit) {
        StatsAccumulator first = new StatsAccumulator(unit, null, NO_VALUES);
        first.recountOfValues = true;
        return first;
    }

    /**
     * A values-first accumulator that was given {@code values}, in this order, and nothing else: every figure,
     * the count, mean, M2, min and max included, is the one {@link #valuesFirst} then {@link #add} of each value
     * gives, bit for bit (the same arithmetic). For the state codec, which writes the values of such an
     * accumulator ({@link #isRecountOfValues}) without those figures.
     *
     * @throws IllegalArgumentException when a value is not finite ({@link #add} never holds one)
     */
    public static StatsAccumulator ofValues(String unit, double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("A held value is finite, not " + value);
            }
        }
        StatsAccumulator made = recount(unit, values);
        if (values.length > VALUES_BEFORE_SKETCH) {
            made.makeSketch();
        }
        return made;
    }

    /** {@link #ofValues} of finite values, still holding them however many. */
    private static StatsAccumulator recount(String unit, double[] values) {
        StatsAccumulator made = new StatsAccumulator(unit, null, values.clone());
        for (double value : values) {
            made.accumulate(value);
        }
        made.recountOfValues = true;
        return made;
    }

    /**
     * Rebuilds a values-first accumulator from its parts, as the state codec writes it: the moments as
     * they were (merged moments are not a recount of the values), and its values in the order added.
     *
     * @throws IllegalArgumentException when {@code count} is not the number of values
     */
    public static StatsAccumulator restoreValues(String unit, long count, double mean, double m2,
                                                 double min, double max, double[] values) {
        if (count != values.length) {
            throw new IllegalArgumentException("An accumulator of " + count + " values restored with " + values.length);
        }
        StatsAccumulator restored = new StatsAccumulator(unit, null, values.clone());
        restored.restoreMoments(count, mean, m2);
        if (count > 0) {
            restored.min = min;
            restored.max = max;
        }
        if (values.length > VALUES_BEFORE_SKETCH) {
            restored.makeSketch();
        } else {
            // Bytes of format 4 hold the figures beside the values; the values alone describe them if they recount.
            restored.recountOfValues = Arrays.stream(values).allMatch(Double::isFinite)
                    && restored.sameFigures(recount(unit, values));
        }
        return restored;
    }

    /** Whether the count, moments, min and max of the two are the same, bit for bit. */
    private boolean sameFigures(StatsAccumulator other) {
        return count == other.count && momentsKept == other.momentsKept
                && Double.doubleToRawLongBits(mean) == Double.doubleToRawLongBits(other.mean)
                && Double.doubleToRawLongBits(m2) == Double.doubleToRawLongBits(other.m2)
                && Double.doubleToRawLongBits(min) == Double.doubleToRawLongBits(other.min)
                && Double.doubleToRawLongBits(max) == Double.doubleToRawLongBits(other.max);
    }

    /** Rebuilds the accumulator a {@link #toStats()} snapshot was taken from, so it can be merged further. */
    public static StatsAccumulator fromStats(MetricStats stats) {
        ByteBuffer sketchBytes = stats.getSketch().duplicate();
        byte[] bytes = new byte[sketchBytes.remaining()];
        sketchBytes.get(bytes);
        return restore(stats.getUnit(), stats.getCount(), stats.getMean(), stats.getM2(),
                stats.getMin(), stats.getMax(), bytes);
    }

    /** Rebuilds an accumulator from its parts, as written by {@link #toStats()} or the state codec. */
    public static StatsAccumulator restore(String unit, long count, double mean, double m2,
                                    double min, double max, byte[] sketchBytes) {
        StatsAccumulator restored = new StatsAccumulator(unit, newSketch(), null);
        restored.restoreMoments(count, mean, m2);
        if (count == 0) {
            return restored;
        }
        restored.min = min;
        restored.max = max;
        if (sketchBytes.length > 0) {
            mergeSketch(restored.sketch, SketchCodec.decode(sketchBytes, StatsAccumulator::newStore));
        }
        return restored;
    }

    /**
     * Rebuilds an accumulator from its parts with the sketch in {@link #compactSketchBytes()}'s
     * encoding, as the state codec writes it.
     *
     * @throws IllegalArgumentException when the sketch bytes cannot be decoded
     */
    public static StatsAccumulator restoreCompact(String unit, long count, double mean, double m2,
                                                  double min, double max, byte[] compactSketch) {
        StatsAccumulator restored = restore(unit, count, mean, m2, min, max, new byte[0]);
        if (count > 0 && compactSketch.length > 0) {
            try {
                restored.sketch.mergeWith(DDSketch.decode(ByteArrayInput.wrap(compactSketch), StatsAccumulator::newStore,
                        MAPPING));
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot decode a compact sketch of " + compactSketch.length + " bytes", e);
            }
        }
        return restored;
    }

    /**
     * Adds one value (Welford's update). Non-finite values are ignored: they have no place in a
     * mean and the sketch cannot index them; the normaliser turns errors into failed runs instead.
     */
    public StatsAccumulator add(double value) {
        if (!Double.isFinite(value)) {
            return this;
        }
        accumulate(value);
        if (values == null) {
            sketch.accept(value);
        } else if (values.length < VALUES_BEFORE_SKETCH) {
            double[] more = Arrays.copyOf(values, values.length + 1);
            more[values.length] = value;
            values = more;
        } else {
            makeSketch().accept(value);
        }
        return this;
    }

    /** The count, moments (Welford's update), min and max of one more finite value: what {@link #add} and {@link #ofValues} share. */
    private void accumulate(double value) {
        count++;
        if (momentsKept) {
            double delta = value - mean;
            mean += delta / count;
            m2 += delta * (value - mean);
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Whether the values are held as they are, not yet in a sketch ({@link #valuesFirst}). */
    public boolean holdsValues() {
        return values != null;
    }

    /**
     * Whether the values are held and every other figure is what {@link #ofValues} recounts from them, bit for
     * bit: then the values alone describe this accumulator.
     */
    public boolean isRecountOfValues() {
        return values != null && recountOfValues;
    }

    /**
     * The values held, in the order added ({@link #holdsValues()}); their number is {@link #count()}.
     *
     * @throws IllegalStateException when the values are in a sketch
     */
    public double[] values() {
        if (values == null) {
            throw new IllegalStateException("The values of " + this + " are in a sketch");
        }
        return values.clone();
    }

    /**
     * The {@code index}th value held ({@link #holdsValues()}), in the order added: for the state codec,
     * which writes them without a copy of the array.
     *
     * @throws IllegalStateException when the values are in a sketch
     */
    public double value(int index) {
        if (values == null) {
            throw new IllegalStateException("The values of " + this + " are in a sketch");
        }
        return values[index];
    }

    /** Turns the values held into the sketch, for good. */
    private DDSketch makeSketch() {
        sketch = sketchOfValues();
        values = null;
        return sketch;
    }

    /** The sketch, or one made from the values held (not kept: a reader does not change the form). */
    private DDSketch sketchOrValues() {
        return values == null ? sketch : sketchOfValues();
    }

    /** A sketch of the values held: each accepted as {@link #add} would have, so its bins are the same. */
    private DDSketch sketchOfValues() {
        DDSketch made = newSketch();
        for (double value : values) {
            made.accept(value);
        }
        return made;
    }

    /**
     * Folds {@code other} into this accumulator with Chan et al.'s parallel formula, which is
     * exact: the result equals a single pass over the union of both inputs (up to rounding).
     *
     * @throws IllegalArgumentException when the units differ
     */
    public StatsAccumulator merge(StatsAccumulator other) {
        if (!unit.equals(other.unit)) {
            throw new IllegalArgumentException("Cannot merge statistics in '" + other.unit + "' into '" + unit + "'");
        }
        if (other.count() == 0) {
            return this;
        }
        // Merged into nothing, the other's figures are taken as they are (below), so they recount its values if
        // its did; merged into values, the moments are Chan et al.'s, which need not be Welford's to the last bit.
        recountOfValues = count == 0 && recountOfValues && other.recountOfValues;
        if (momentsKept && other.momentsKept) {
            mergeMoments(other.count, other.mean, other.m2);
        } else {
            // Moments not kept on either side cannot be merged: the union's are not known, only its count.
            count += other.count;
            dropMoments();
        }
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (values != null && other.values != null && values.length + other.values.length <= VALUES_BEFORE_SKETCH) {
            double[] both = Arrays.copyOf(values, values.length + other.values.length);
            System.arraycopy(other.values, 0, both, values.length, other.values.length);
            values = both;
            return this;
        }
        DDSketch mine = values == null ? sketch : makeSketch();
        if (other.values == null) {
            mergeSketch(mine, other.sketch);
        } else {
            for (double value : other.values) {
                mine.accept(value);
            }
        }
        return this;
    }

    /**
     * This accumulator, from now on without its mean and M2 (the count stays): for the merged
     * aggregates of a running model ({@code RunningModel}), whose emitted mean and M2 are the exact
     * ones of their entries' moments ({@link ExactMoments}, passed to {@link #toStats(Moments)}), never
     * their own. Welford's update costs a division per value, and each run's values go into a
     * configuration's and a model's accumulators besides the entry's. Reading them afterwards
     * ({@link #mean()}, {@link #m2()}, {@link #toStats()}, the state codec) is refused.
     */
    StatsAccumulator withoutMoments() {
        dropMoments();
        return this;
    }

    private void dropMoments() {
        momentsKept = false;
        recountOfValues = false;
        mean = 0.0;
        m2 = 0.0;
    }

    /** Whether the mean and M2 are kept (see {@link #withoutMoments}). */
    public boolean keepsMoments() {
        return momentsKept;
    }

    private void requireMoments() {
        if (!momentsKept) {
            throw new IllegalStateException("The mean and M2 of " + this + " are not kept");
        }
    }

    /** Moments as stored: {@code count} 0 gives empty moments whatever the other two say. */
    private void restoreMoments(long count, double mean, double m2) {
        Moments.checkCount(count);
        if (count > 0) {
            this.count = count;
            this.mean = mean;
            this.m2 = m2;
        }
    }

    /** Folds in the moments of other values, their count, mean and M2 (Chan et al.); a count of 0 changes nothing. */
    private void mergeMoments(long otherCount, double otherMean, double otherM2) {
        if (otherCount == 0) {
            return;
        }
        if (count == 0) {
            mean = otherMean;
            m2 = otherM2;
        } else {
            long total = count + otherCount;
            double delta = otherMean - mean;
            mean += delta * otherCount / total;
            m2 += otherM2 + delta * delta * ((double) count * otherCount / total);
        }
        count += otherCount;
    }

    /** An independent copy, in the same form (values or sketch). */
    public StatsAccumulator copy() {
        return copyWith(values == null ? sketch.copy() : null, values == null ? null : values.clone());
    }

    /** An independent copy with its values in a sketch: for aggregates of many values, merged from entries. */
    public StatsAccumulator sketchedCopy() {
        // A sketch made from the values is this copy's own already.
        return copyWith(values == null ? sketch.copy() : sketchOfValues(), null);
    }

    /** A copy of this accumulator's unit, moments, min and max with {@code sketch} or {@code values}. */
    private StatsAccumulator copyWith(DDSketch sketch, double[] values) {
        StatsAccumulator copy = new StatsAccumulator(unit, sketch, values);
        copy.count = count;
        copy.mean = mean;
        copy.m2 = m2;
        copy.momentsKept = momentsKept;
        copy.recountOfValues = recountOfValues;
        copy.min = min;
        copy.max = max;
        return copy;
    }

    public String unit() {
        return unit;
    }

    public long count() {
        return count;
    }

    /**
     * Exact arithmetic mean; 0 when empty.
     *
     * @throws IllegalStateException when the moments are not kept ({@link #withoutMoments})
     */
    public double mean() {
        requireMoments();
        return mean;
    }

    /**
     * Sum of squared deviations from the mean.
     *
     * @throws IllegalStateException when the moments are not kept ({@link #withoutMoments})
     */
    public double m2() {
        requireMoments();
        return m2;
    }

    /**
     * Sample variance (n-1); 0 below two values.
     *
     * @throws IllegalStateException when the moments are not kept ({@link #withoutMoments})
     */
    public double variance() {
        requireMoments();
        return Moments.variance(count, m2);
    }


    /** Sample standard deviation (n-1); 0 below two values. */
    public double stddev() {
        return Math.sqrt(variance());
    }

    /** Smallest value; 0 when empty. */
    public double min() {
        return count() == 0 ? 0.0 : min;
    }

    /** Largest value; 0 when empty. */
    public double max() {
        return count() == 0 ? 0.0 : max;
    }

    /**
     * The value at {@code quantile} (0..1) from the sketch, within {@link #RELATIVE_ACCURACY} of
     * the true one, clamped to the exact min and max (which can only bring it closer); 0 when empty.
     */
    public double quantile(double quantile) {
        return quantiles(new double[] {quantile})[0];
    }

    /** {@link #quantile} of each of {@code quantiles} (in ascending order), counting the sketch's values once for all. */
    private double[] quantiles(double[] quantiles) {
        return quantiles(quantiles, sketchOrValues());
    }

    /** {@link #quantiles(double[])} from {@code read}, this accumulator's sketch or one made from its values. */
    private double[] quantiles(double[] quantiles, DDSketch read) {
        if (count() == 0 || read.isEmpty()) {
            return new double[quantiles.length];
        }
        double[] estimates = read.getNegativeValueStore().isEmpty()
                ? new AscendingQuantiles(quantiles, false).of(read, count())
                : read.getValuesAtQuantiles(quantiles);
        return clamped(estimates);
    }

    /** {@code estimates} clamped to the exact min and max, in place. */
    private double[] clamped(double[] estimates) {
        for (int i = 0; i < estimates.length; i++) {
            estimates[i] = Math.min(max, Math.max(min, estimates[i]));
        }
        return estimates;
    }

    /**
     * DDSketch's values at quantiles (sketches-java 0.8.3, {@code DDSketch.getValueAtQuantile}) for a
     * sketch with no negative values, found in one walk up its bins for all the quantiles, where
     * {@code getValuesAtQuantiles} walks them once per quantile with an iterator that makes an object
     * per bin (a third of an emission's samples went to those walks, profiled). The same steps, so the
     * same values: the rank of quantile q is q × (count − 1); the zeros count first, as value 0; the
     * value is that of the first bin whose running count passes the rank.
     *
     * <p>Asked to, the same walk writes the sketch's protobuf bytes ({@link SketchCodec.DenseWriter}), where
     * the library's encoder walked the bins twice more and the bytes were copied once more (the two walks
     * and the encoding were a tenth of an emission's samples, profiled). The writer needs the sketch's zero
     * count, which is not public: it is the count less the positive store's, exactly, since an
     * accumulator's bins hold whole numbers of values (each value counts one, merges add counts) far below
     * 2<sup>53</sup>, and the negative store is empty here.
     */
    private static final class AscendingQuantiles implements BinAcceptor {
        private final double[] quantiles;
        private final double[] ranks;
        private final double[] values;
        private final boolean writing;
        private SketchCodec.DenseWriter writer;
        private int next;
        private double seen;

        AscendingQuantiles(double[] quantiles, boolean writing) {
            this.writing = writing;
            ranks = new double[quantiles.length];
            values = new double[quantiles.length];
            for (int i = 0; i < quantiles.length; i++) {
                if (quantiles[i] < 0 || quantiles[i] > 1 || (i > 0 && quantiles[i] < quantiles[i - 1])) {
                    throw new IllegalArgumentException("Quantiles must lie in [0, 1] in ascending order: "
                            + Arrays.toString(quantiles));
                }
            }
            this.quantiles = quantiles;
        }

        /**
         * @param valueCount the sketch's count: that of the accumulator it is (or was made from the values of),
         *                   which counts every value its sketch took once, as the sketch does (an added value is
         *                   one of each; merges add both; the state stores both of one accumulator). Taken from
         *                   there, not from {@code DDSketch.getCount()}, which walks every bin of the store to sum
         *                   them, a walk more than the two below (about 1 % of the aggregation's stream thread,
         *                   profiled, docs/benchmarks.md). Whole numbers far below 2<sup>53</sup>, so the same
         *                   double.
         */
        double[] of(DDSketch sketch, long valueCount) {
            double count = valueCount;
            Store positive = sketch.getPositiveValueStore();
            for (int i = 0; i < quantiles.length; i++) {
                ranks[i] = quantiles[i] * (count - 1);
            }
            // Counts are whole numbers far below 2^53, so this difference is the sketch's zero count exactly.
            seen = count - positive.getTotalCount();
            if (writing) {
                writer = SketchCodec.DenseWriter.of(sketch.getIndexMapping(), positive, seen);
            }
            while (next < ranks.length && seen > ranks[next]) {
                values[next++] = 0.0;
            }
            positive.forEach(this);
            if (next < ranks.length) {
                throw new IllegalStateException("A sketch of " + count + " values ran out of bins at quantile "
                        + quantiles[next]);
            }
            return values;
        }

        /**
         * {@link #of} of the sketch {@link #sketchOfValues} would make of {@code held} (a values-first accumulator's
         * values, {@code valueCount} of them), without making it: the values sorted, each value's bin is the one
         * {@code DDSketch.accept} puts it in (the zeros' count: from 0 up to the smallest value the sketch indexes;
         * the positive store's bin {@code index(value)} above, which rises with the value), so the walk visits the
         * same bins with the same counts, and the bytes are those of a dense store spanning the lowest to the
         * highest. Making the sketch grew a dense store's array for a handful of values and walked it (about a
         * tenth of what an emission allocated, profiled, docs/benchmarks.md). Null, and nothing done, where the sketch
         * would be anything else: a negative value (a negative store), one the sketch does not track (it throws),
         * or values whose bins span so many that the store might collapse some.
         */
        double[] ofValues(double[] held, long valueCount) {
            if (valueCount != held.length) {
                return null;
            }
            double[] sorted = held.clone();
            Arrays.sort(sorted); // NaN last, where the range check below turns it away
            int last = sorted.length - 1;
            if (!(sorted[0] >= 0) || !(sorted[last] <= MAPPING.maxIndexableValue())) {
                return null;
            }
            int zeros = 0;
            while (zeros <= last && sorted[zeros] <= MIN_INDEXED_VALUE) {
                zeros++;
            }
            int minIndex = zeros <= last ? MAPPING.index(sorted[zeros]) : 0;
            int bins = zeros <= last ? MAPPING.index(sorted[last]) - minIndex + 1 : 0;
            if (bins >= MAX_BINS) {
                return null;
            }
            double count = valueCount;
            for (int i = 0; i < quantiles.length; i++) {
                ranks[i] = quantiles[i] * (count - 1);
            }
            seen = zeros;
            if (writing) {
                writer = SketchCodec.DenseWriter.ofBins(MAPPING, minIndex, bins, seen);
            }
            while (next < ranks.length && seen > ranks[next]) {
                values[next++] = 0.0;
            }
            int at = zeros;
            while (at <= last) {
                int index = MAPPING.index(sorted[at]);
                int binCount = 1;
                while (at + binCount <= last && MAPPING.index(sorted[at + binCount]) == index) {
                    binCount++;
                }
                accept(index, binCount);
                at += binCount;
            }
            if (next < ranks.length) {
                throw new IllegalStateException(count + " values ran out of bins at quantile " + quantiles[next]);
            }
            return values;
        }

        /** The sketch's protobuf bytes written in the walk; null when not asked for or not a dense store. */
        byte[] bytes() {
            return writer == null ? null : writer.bytes();
        }

        @Override
        public void accept(int index, double binCount) {
            if (writer != null) {
                writer.accept(index, binCount);
            }
            seen += binCount;
            while (next < ranks.length && seen > ranks[next]) {
                values[next++] = MAPPING.value(index);
            }
        }
    }

    /**
     * About how many bytes this accumulator holds in memory: its sketch's bin arrays (a double per bin
     * from the lowest to the highest, in arrays grown {@value #ARRAY_GROWTH_BINS} bins at a time) and a
     * fixed part. The values of one configuration span few bins; those of a whole model more.
     */
    long footprintBytes() {
        if (values != null) {
            return FIXED_BYTES + (long) Double.BYTES * values.length;
        }
        return FIXED_BYTES + binBytes(sketch.getPositiveValueStore()) + binBytes(sketch.getNegativeValueStore());
    }

    private static long binBytes(Store store) {
        if (store.isEmpty()) {
            return 0;
        }
        long bins = (long) store.getMaxIndex() - store.getMinIndex() + 1;
        return Double.BYTES * ARRAY_GROWTH_BINS * ((bins + ARRAY_GROWTH_BINS - 1) / ARRAY_GROWTH_BINS);
    }

    /** The sketch in its protobuf encoding; empty when there are no values. */
    public byte[] sketchBytes() {
        return count() == 0 ? new byte[0] : SketchCodec.encode(sketchOrValues());
    }

    /**
     * The sketch in DDSketch's own binary encoding (sketches-java's {@code DDSketch.encode}) without
     * its index mapping, which is always this class's; empty when there are no values. For the state
     * store, where a sketch is written on every run of its entry: the encoding keeps only the bins
     * that hold values, with varint indexes and counts, where the protobuf one ({@link #sketchBytes()},
     * the contract's) writes eight bytes for every bin between the lowest and the highest. Three
     * values spread over two orders of magnitude take 2,238 protobuf bytes, and 11 here.
     */
    public byte[] compactSketchBytes() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(32);
        encodeCompactSketch(out);
        return out.trimmedCopy();
    }

    /**
     * Writes {@link #compactSketchBytes()} to {@code out} (nothing when there are no values), for a
     * caller that writes the sketch into a larger value and spares the array of its own.
     *
     * @throws UncheckedIOException when {@code out} fails; an in-memory sink does not
     */
    public void encodeCompactSketch(Output out) {
        if (count() == 0) {
            return;
        }
        try {
            sketchOrValues().encode(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a sketch in memory", e);
        }
    }

    /**
     * A snapshot for the {@code model-metrics} contract; {@link #fromStats} reverses it.
     *
     * @throws IllegalStateException when the moments are not kept ({@link #withoutMoments})
     */
    public MetricStats toStats() {
        requireMoments();
        return toStats(count, mean, m2);
    }

    /**
     * A snapshot whose count, mean and M2 are {@code merged}: those of the same values, worked out
     * independently of the order they came in ({@link ExactMoments}, see {@link RunningModel});
     * everything else is this accumulator's.
     *
     * @throws IllegalStateException when {@code merged} covers another number of values
     */
    MetricStats toStats(Moments merged) {
        if (merged.count() != count()) {
            throw new IllegalStateException("Moments of " + merged.count() + " values do not describe " + this);
        }
        return toStats(merged.count(), merged.mean(), merged.m2());
    }

    /** A snapshot with count {@code n}, mean {@code mu} and M2 {@code squares} (this accumulator's or merged ones). */
    private MetricStats toStats(long n, double mu, double squares) {
        AscendingQuantiles walk = new AscendingQuantiles(SNAPSHOT_QUANTILES, true);
        double[] percentiles = values != null && count() > 0 ? walk.ofValues(values, count()) : null;
        if (percentiles != null) {
            return toStats(n, mu, squares, clamped(percentiles), walk.bytes());
        }
        // Values that could not be walked as they are: a sketch made of them once, for the percentiles and the bytes.
        DDSketch read = sketchOrValues();
        byte[] sketchBytes = null;
        if (count() > 0 && !read.isEmpty() && read.getNegativeValueStore().isEmpty()) {
            // One walk of the bins for the percentiles and the bytes (AscendingQuantiles; unused above).
            percentiles = clamped(walk.of(read, count()));
            sketchBytes = walk.bytes();
        } else {
            percentiles = quantiles(SNAPSHOT_QUANTILES, read);
        }
        if (sketchBytes == null) {
            sketchBytes = count() == 0 ? new byte[0] : SketchCodec.encode(read);
        }
        return toStats(n, mu, squares, percentiles, sketchBytes);
    }

    /**
     * The figures of the same values as {@code sameValues} (its count, min, max, percentiles and sketch, which
     * depend on the values alone) with the count, mean and M2 of {@code moments}: those of another grouping of
     * the same values' entries, whose exactly summed moments may differ from {@code sameValues}' in their last
     * bits. {@code sameValues} itself when they do not.
     */
    static MetricStats withMoments(MetricStats sameValues, Moments moments) {
        if (moments.count() != sameValues.getCount()) {
            throw new IllegalStateException("Moments of " + moments.count() + " values do not describe "
                    + sameValues.getCount() + " values");
        }
        if (Double.compare(moments.mean(), sameValues.getMean()) == 0
                && Double.compare(moments.m2(), sameValues.getM2()) == 0) {
            return sameValues;
        }
        return new MetricStats(sameValues.getUnit(), moments.count(), moments.mean(), moments.m2(),
                Math.sqrt(Moments.variance(moments.count(), moments.m2())), sameValues.getMin(), sameValues.getMax(),
                sameValues.getP50(), sameValues.getP90(), sameValues.getP95(), sameValues.getP99(),
                sameValues.getSketch().duplicate());
    }

    private MetricStats toStats(long n, double mu, double squares, double[] percentiles, byte[] sketchBytes) {
        // The all-fields constructor, in the schema's field order, where a builder validated each field,
        // set a flag for it and checked the flags again in build(): a tenth of a snapshot's time, profiled.
        return new MetricStats(unit, n, mu, squares, Math.sqrt(Moments.variance(n, squares)),
                min(), max(), percentiles[0], percentiles[1], percentiles[2], percentiles[3],
                ByteBuffer.wrap(sketchBytes));
    }

    /** Sketches decoded from elsewhere may use another mapping; they are converted to ours first. */
    private static void mergeSketch(DDSketch into, DDSketch other) {
        if (MAPPING.equals(other.getIndexMapping())) {
            into.mergeWith(other);
        } else {
            into.mergeWith(other.convert(MAPPING, StatsAccumulator::newStore));
        }
    }

    private static DDSketch newSketch() {
        return new DDSketch(MAPPING, StatsAccumulator::newStore);
    }

    private static Store newStore() {
        return new CollapsingLowestDenseStore(MAX_BINS);
    }

    @Override
    public String toString() {
        String moments = momentsKept ? ", mean=" + mean + ", stddev=" + Math.sqrt(Moments.variance(count, m2)) : "";
        return "StatsAccumulator{unit=" + unit + ", count=" + count() + moments + ", min=" + min() + ", max=" + max() + '}';
    }
}
