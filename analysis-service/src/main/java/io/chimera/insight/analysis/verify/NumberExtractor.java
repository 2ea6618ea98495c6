package io.chimera.insight.analysis.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers in a piece of narrative text.
 *
 * <p>What counts as a number: digits not glued to a preceding letter, digit, underscore or dot
 * (so {@code gemma3}, {@code p95}, {@code q4_K_M} and the {@code .2} of {@code 0.6.2} are not
 * numbers), with optional thousands separators ({@code 4,633}) and decimals. A directly following
 * {@code k} multiplies by 1,000 ({@code 4k}); {@code %} or "percent" marks a percentage;
 * {@code x}/{@code ×} a ratio.
 *
 * <p>Precision: decimals are significant as written ({@code 4.60} → ±0.005). Trailing zeros of an
 * integer are taken as rounding ({@code 4600} → ±50), but at least two digits are kept significant
 * ({@code 100} → ±5, {@code 20} → ±0.5) so a round number does not match half the number line.
 *
 * <p>Skipped entirely (never checked): list markers ({@code 1.}, {@code 2)}, {@code (3)} at the start
 * of a line), ordinals ({@code 1st}, {@code 95th}) and the parts of ISO dates and timestamps.
 * Years (1900–2100 written as a year: after "in", "since", a month name …, and not followed by a
 * unit) are flagged {@link WrittenNumber#yearLike()} for the verifier to ignore when they match no
 * fact. Everything else must match a fact.
 */
final class NumberExtractor {

    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?!\\p{N})");
    private static final Pattern ISO_DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern PERCENT_SUFFIX = Pattern.compile("\\s?(?:%|percent\\b)");
    private static final Pattern RATIO_SUFFIX = Pattern.compile("[x×](?!\\p{L})");
    private static final Pattern THOUSANDS_SUFFIX = Pattern.compile("[kK](?!\\p{L})");
    private static final Pattern ORDINAL_SUFFIX = Pattern.compile("(?:st|nd|rd|th)(?!\\p{L})");
    private static final Pattern LIST_MARKER_SUFFIX = Pattern.compile("[.)](?:\\s|$)");
    private static final Pattern YEAR_CONTEXT_BEFORE = Pattern.compile(
            "(?i)(?:\\b(?:in|since|from|during|until|till|through|before|after|year|early|late|mid|of"
                    + "|january|february|march|april|may|june|july|august|september|october|november|december)"
                    + "|\\bq[1-4])[\\s-]*$");
    private static final Pattern UNIT_AFTER = Pattern.compile(
            "\\s*(?:ms|s|sec|seconds?|milliseconds?|tokens?|runs?|files?|MB|MiB|GB|GiB)\\b");

    private NumberExtractor() {
    }

    static List<WrittenNumber> extract(String text) {
        List<int[]> dates = dateRanges(text);
        List<WrittenNumber> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            if (insideAny(dates, start) || isListMarker(text, matcher) || followedBy(ORDINAL_SUFFIX, text, end) >= 0) {
                continue;
            }
            numbers.add(toNumber(text, matcher));
        }
        return numbers;
    }

    private static WrittenNumber toNumber(String text, Matcher matcher) {
        String integerPart = matcher.group(1).replace(",", "");
        String decimals = matcher.group(2);
        BigDecimal value = new BigDecimal(decimals == null ? integerPart : integerPart + "." + decimals);
        BigDecimal halfUnit = decimals == null ? integerHalfUnit(integerPart) : BigDecimal.valueOf(5, decimals.length() + 1);
        int end = matcher.end();
        WrittenNumber.Kind kind = WrittenNumber.Kind.PLAIN;
        int suffixEnd;
        if ((suffixEnd = followedBy(THOUSANDS_SUFFIX, text, end)) >= 0) {
            value = value.scaleByPowerOfTen(3);
            halfUnit = halfUnit.scaleByPowerOfTen(3);
            end = suffixEnd;
        }
        if ((suffixEnd = followedBy(PERCENT_SUFFIX, text, end)) >= 0) {
            kind = WrittenNumber.Kind.PERCENT;
            end = suffixEnd;
        } else if ((suffixEnd = followedBy(RATIO_SUFFIX, text, end)) >= 0) {
            kind = WrittenNumber.Kind.RATIO;
            end = suffixEnd;
        }
        boolean yearLike = decimals == null && kind == WrittenNumber.Kind.PLAIN && end == matcher.end()
                && integerPart.equals(matcher.group(1)) && isYear(text, matcher.start(), end, value.intValue());
        return new WrittenNumber(text.substring(matcher.start(), end), value.doubleValue(),
                halfUnit.doubleValue(), kind, matcher.start(), yearLike);
    }

    /**
     * 1900–2100, introduced as a year ("in 2025", "since 2019", "March 2024", "Q3 2025") and not
     * followed by a unit, so that "2048 tokens" or "in 2050 ms" stay numbers to check.
     */
    private static boolean isYear(String text, int start, int end, int value) {
        if (value < 1900 || value > 2100 || end - start != 4) {
            return false;
        }
        String before = text.substring(Math.max(0, start - 16), start);
        return YEAR_CONTEXT_BEFORE.matcher(before).find() && followedBy(UNIT_AFTER, text, end) < 0;
    }

    /** Half a unit of the last significant digit, keeping at least two digits significant. */
    private static BigDecimal integerHalfUnit(String digits) {
        String significant = digits.replaceFirst("^0+", "");
        int trailingZeros = significant.length() - significant.replaceFirst("0+$", "").length();
        int significantDigits = significant.length() - trailingZeros;
        if (significantDigits < 2) {
            trailingZeros = Math.max(0, significant.length() - 2);
        }
        return BigDecimal.valueOf(5, 1).scaleByPowerOfTen(trailingZeros);
    }

    /** "1." / "2)" / "(3)" opening a line, followed by a space or the end. */
    private static boolean isListMarker(String text, Matcher matcher) {
        if (matcher.group(2) != null || matcher.group(1).length() > 2
                || followedBy(LIST_MARKER_SUFFIX, text, matcher.end()) < 0) {
            return false;
        }
        int lineStart = text.lastIndexOf('\n', matcher.start() - 1) + 1;
        String before = text.substring(lineStart, matcher.start()).strip();
        return before.isEmpty() || before.equals("(") || before.equals("-") || before.equals("*");
    }

    /** End of the suffix when {@code suffix} matches exactly at {@code from}, else -1. */
    private static int followedBy(Pattern suffix, String text, int from) {
        Matcher matcher = suffix.matcher(text).region(from, text.length());
        return matcher.lookingAt() ? matcher.end() : -1;
    }

    private static List<int[]> dateRanges(String text) {
        List<int[]> ranges = new ArrayList<>();
        Matcher matcher = ISO_DATE.matcher(text);
        while (matcher.find()) {
            ranges.add(new int[] {matcher.start(), matcher.end()});
        }
        return ranges;
    }

    private static boolean insideAny(List<int[]> ranges, int offset) {
        return ranges.stream().anyMatch(range -> offset >= range[0] && offset < range[1]);
    }
}
