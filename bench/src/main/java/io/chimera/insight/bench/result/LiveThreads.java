package io.chimera.insight.bench.result;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The threads alive in this JVM at one moment, grouped by name with the numbers taken out (as
 * {@link ThreadCpu} groups them), largest groups first. Taken as a measure starts, it shows what
 * the measures before it left running: a Streams application, a producer or a pool that was never
 * closed still has its threads.
 *
 * @param total  live threads
 * @param groups threads per name group, largest first
 */
public record LiveThreads(int total, Map<String, Long> groups) {

    /** The threads alive now. */
    public static LiveThreads now() {
        Map<String, Long> counts = Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(t -> ThreadCpu.group(t.getName()), Collectors.counting()));
        Map<String, Long> largestFirst = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new LiveThreads(counts.values().stream().mapToInt(Long::intValue).sum(), largestFirst);
    }

    /** "84 threads; largest groups: kafka-producer-network-thread | x 3, ...", the {@code top} largest. */
    public String describe(int top) {
        return String.format(Locale.ROOT, "%d threads; largest groups: %s", total, groups.entrySet().stream()
                .limit(top).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
