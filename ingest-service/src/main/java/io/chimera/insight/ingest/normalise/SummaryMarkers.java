package io.chimera.insight.ingest.normalise;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What marks a figure, a JSON object, a file or a Markdown section as a summary: rig-computed
 * aggregates that must never be counted as runs.
 *
 * @param meanPrefixes prefixes of a mean, removed to find the metric ({@code average_})
 * @param meanSuffixes suffixes of a mean ({@code _mean})
 * @param aggregatePrefixes prefixes of other aggregates ({@code stddev_})
 * @param aggregateSuffixes suffixes of other aggregates ({@code _p95})
 * @param containers JSON object names holding aggregates
 * @param fileGlobs file-name globs of summary files
 * @param headingWords words of a Markdown heading announcing derived figures
 */
public record SummaryMarkers(List<String> meanPrefixes, List<String> meanSuffixes, List<String> aggregatePrefixes,
                             List<String> aggregateSuffixes, Set<String> containers, List<String> fileGlobs,
                             Set<String> headingWords) {

    public SummaryMarkers {
        meanPrefixes = List.copyOf(meanPrefixes);
        meanSuffixes = List.copyOf(meanSuffixes);
        aggregatePrefixes = List.copyOf(aggregatePrefixes);
        aggregateSuffixes = List.copyOf(aggregateSuffixes);
        containers = Set.copyOf(containers);
        fileGlobs = List.copyOf(fileGlobs);
        headingWords = Set.copyOf(headingWords);
    }

    /** The name without its mean prefix or suffix, when it has one. */
    Optional<String> stripMean(String name) {
        for (String prefix : meanPrefixes) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return Optional.of(name.substring(prefix.length()));
            }
        }
        for (String suffix : meanSuffixes) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return Optional.of(name.substring(0, name.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    /** Whether the name carries any aggregate marker, a mean included. */
    boolean isAggregate(String name) {
        return startsWithAny(name, meanPrefixes) || startsWithAny(name, aggregatePrefixes)
                || endsWithAny(name, meanSuffixes) || endsWithAny(name, aggregateSuffixes);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length());
    }

    private static boolean endsWithAny(String name, List<String> suffixes) {
        return suffixes.stream().anyMatch(s -> name.endsWith(s) && name.length() > s.length());
    }
}
