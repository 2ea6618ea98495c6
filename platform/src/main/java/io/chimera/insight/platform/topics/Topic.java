package io.chimera.insight.platform.topics;

/**
 * One of our topics, named once: its base name (the prefix is added by {@link TopicNames}),
 * the type of its values and whether it is compacted. Keys are always UTF-8 strings.
 *
 * @param <V> the value type
 */
public record Topic<V>(String baseName, Class<V> valueType, boolean compacted, String description) {
}
