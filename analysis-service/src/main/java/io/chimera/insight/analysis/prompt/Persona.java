package io.chimera.insight.analysis.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who the LLM is asked to be: the first part of the system prompt. The default ships as
 * {@value #RESOURCE}; teams can replace it with their own file. The output contract
 * ({@code output-rules.txt}) is appended separately so a custom persona cannot drop it.
 */
public final class Persona {

    public static final String RESOURCE = "/io/chimera/insight/analysis/persona.txt";

    private Persona() {
    }

    public static String defaultText() {
        return ClasspathText.read(RESOURCE).strip();
    }

    /** The persona from a UTF-8 text file. */
    public static String fromFile(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("persona file is empty: " + path);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read persona file " + path, e);
        }
    }
}
