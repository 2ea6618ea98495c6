package io.chimera.insight.platform.topics;

import java.util.Objects;

/**
 * Full topic names under a configurable prefix, so several pipelines (or test runs) can share a
 * cluster without colliding.
 */
public final class TopicNames {

    public static final String DEFAULT_PREFIX = "chimera.";

    private final String prefix;

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
        return prefix + topic.baseName();
    }

    @Override
    public String toString() {
        return "TopicNames[" + prefix + "]";
    }
}
