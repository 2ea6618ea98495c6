package io.chimera.insight.ingest.parse;

import java.util.List;

/**
 * Guesses a CSV file's delimiter from its first lines: the candidate ({@code ,} {@code ;} tab)
 * that appears outside quotes the same, non-zero number of times on every line wins; among those,
 * the most frequent. A European export ({@code ;} with decimal commas) then parses as it should.
 */
final class DelimiterSniffer {

    private static final char[] CANDIDATES = {',', ';', '\t'};

    private DelimiterSniffer() {
    }

    /** The delimiter of these lines; {@code ,} when nothing is conclusive. */
    static char sniff(List<String> lines) {
        char best = ',';
        int bestCount = 0;
        boolean bestConsistent = false;
        for (char candidate : CANDIDATES) {
            int first = -1;
            boolean consistent = true;
            int min = Integer.MAX_VALUE;
            for (String line : lines) {
                int count = countOutsideQuotes(line, candidate);
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
                best = candidate;
                bestCount = first;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    /** Whether the lines read as a delimited table: at least two lines sharing a delimiter count. */
    static boolean looksTabular(List<String> lines) {
        if (lines.size() < 2) {
            return false;
        }
        char delimiter = sniff(lines);
        int first = countOutsideQuotes(lines.get(0), delimiter);
        return first > 0 && lines.stream().allMatch(l -> countOutsideQuotes(l, delimiter) == first);
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
