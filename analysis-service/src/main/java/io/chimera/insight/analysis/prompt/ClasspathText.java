package io.chimera.insight.analysis.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads text resources that ship in the jar; a missing one is a packaging bug, hence unchecked. */
final class ClasspathText {

    private ClasspathText() {
    }

    static String read(String absolutePath) {
        try (InputStream in = ClasspathText.class.getResourceAsStream(absolutePath)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the classpath: " + absolutePath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + absolutePath, e);
        }
    }
}
