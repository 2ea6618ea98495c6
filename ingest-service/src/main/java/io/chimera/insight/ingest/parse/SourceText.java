package io.chimera.insight.ingest.parse;

import java.util.List;

/**
 * A file's decoded text and where it came from.
 *
 * @param text the content
 * @param relativePath the path relative to the scanned root, {@code /}-separated
 */
public record SourceText(String text, String relativePath) {

    /** The file name without folders. */
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    /** The lines of the text, without line terminators. */
    public List<String> lines() {
        return text.lines().toList();
    }
}
