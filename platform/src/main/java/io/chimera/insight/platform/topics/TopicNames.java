package io.chimera.insight.platform.topics;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Full topic names under a configurable prefix, so several pipelines (or test runs) can share a
 * cluster without colliding.
 */
public final class TopicNames {

    public static final String DEFAULT_PREFIX = "chimera.";

    private final String prefix;
    private final Map<String, String> fullNames = new ConcurrentHashMap<>();

    public TopicNames(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    public String of(Topic<?> topic) {
        // The same String every time: callers send thousands of records a second, and serialisers
        // key their caches by topic name, whose hash a String computes once.
        return fullNames.computeIfAbsent(topic.baseName(), base -> prefix + base);
    }

    @Override
    public String toString() {
        return "TopicNames[" + prefix + "]";
    }
}
