package io.chimera.insight.platform.topics;

/**
 * One of our topics, named once: its base name (the prefix is added by {@link TopicNames}),
 * the type of its values, whether it is compacted and, when larger than the broker's default, the
 * largest record it must hold ({@code 0} = broker default). Keys are always UTF-8 strings.
 *
 * @param <V> the value type
 */
public record Topic<V>(String baseName, Class<V> valueType, boolean compacted, String description,
                       int maxRecordBytes) {

    /** A topic whose records stay within the broker's default size limit. */
    public Topic(String baseName, Class<V> valueType, boolean compacted, String description) {
        this(baseName, valueType, compacted, description, 0);
    }

    /** Whether it needs a larger record limit than the broker's default. */
    public boolean allowsLargeRecords() {
        return maxRecordBytes > 0;
    }
}
