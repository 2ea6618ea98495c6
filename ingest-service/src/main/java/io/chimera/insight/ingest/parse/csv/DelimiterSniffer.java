package io.chimera.insight.ingest.parse.csv;

import java.util.List;

/**
 * Guesses a CSV file's delimiter from its first lines: the candidate ({@code ,} {@code ;} tab)
 * that appears outside quotes the same, non-zero number of times on every line wins; among those,
 * the most frequent. A European export ({@code ;} with decimal commas) then parses as it should.
 */
public final class DelimiterSniffer {

    private static final char[] CANDIDATES = {',', ';', '\t'};

    private DelimiterSniffer() {
    }

    /** The delimiter of these lines; {@code ,} when nothing is conclusive. */
    static char sniff(List<String> lines) {
        // One pass per line counts every candidate (the sniff reads most of a small file).
        int[][] counts = new int[lines.size()][];
        for (int l = 0; l < lines.size(); l++) {
            counts[l] = countsOutsideQuotes(lines.get(l));
        }
        char best = ',';
        int bestCount = 0;
        boolean bestConsistent = false;
        for (int c = 0; c < CANDIDATES.length; c++) {
            int first = -1;
            boolean consistent = true;
            int min = Integer.MAX_VALUE;
            for (int[] line : counts) {
                int count = line[c];
                min = Math.min(min, count);
                if (first < 0) {
                    first = count;
                } else if (count != first) {
                    consistent = false;
                }
            }
            if (lines.isEmpty() || min == 0) {
                continue;
            }
            if ((consistent && !bestConsistent) || (consistent == bestConsistent && first > bestCount)) {
                best = CANDIDATES[c];
                bestCount = first;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    /** Whether the lines read as a delimited table: at least two lines sharing a delimiter count. */
    public static boolean looksTabular(List<String> lines) {
        if (lines.size() < 2) {
            return false;
        }
        char delimiter = sniff(lines);
        int first = countOutsideQuotes(lines.get(0), delimiter);
        return first > 0 && lines.stream().allMatch(l -> countOutsideQuotes(l, delimiter) == first);
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        for (int c = 0; c < CANDIDATES.length; c++) {
            if (CANDIDATES[c] == delimiter) {
                return countsOutsideQuotes(line)[c];
            }
        }
        throw new IllegalArgumentException("not a candidate delimiter: " + delimiter);
    }

    /** How often each of the {@link #CANDIDATES} appears in the line outside double quotes. */
    private static int[] countsOutsideQuotes(String line) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    counts[0]++;
                } else if (c == ';') {
                    counts[1]++;
                } else if (c == '\t') {
                    counts[2]++;
                }
            }
        }
        return counts;
    }
}
