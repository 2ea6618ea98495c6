package io.chimera.insight.platform.change;

/**
 * One confirmed change: the series' values from {@code index} on (up to the next change point or
 * the end) differ from those before it (back to the previous change point or the start).
 *
 * @param index          position of the first value after the change
 * @param before         the segment before the change
 * @param after          the segment from the change on
 * @param changeFraction {@code after.mean / before.mean - 1} (0.12 is +12 %); NaN when before's mean is 0
 * @param pValue         the confirming two-sample test's p-value
 * @param test           which test confirmed it, as a reader should see it (e.g. "Welch t")
 */
public record ChangePoint(int index, Segment before, Segment after, double changeFraction, double pValue, String test) {

    /**
     * A segment of the series, values {@code from} (inclusive) to {@code to} (exclusive): its size,
     * mean and 95 % confidence interval of the mean (Student's t; NaN bounds below 2 values).
     */
    public record Segment(int from, int to, int n, double mean, double ciLow, double ciHigh) {
    }
}
