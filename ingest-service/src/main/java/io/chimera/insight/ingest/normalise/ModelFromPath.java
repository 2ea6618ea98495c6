package io.chimera.insight.ingest.normalise;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The model a file is about, read from its name when its content does not say:
 * {@code gemma3_270m_param_tuning.csv} is {@code gemma3:270m},
 * {@code gemma3_1b-it-qat_baseline.csv} {@code gemma3:1b-it-qat}, {@code gemma3_baseline.csv}
 * {@code gemma3}. The file name is tried first, then its folders up to the scanned root.
 *
 * <p>A name names a model when one of its {@code _}-separated tokens is a known family with an
 * optional version ({@code gemma3}, {@code llama3.1}); a following token that looks like an
 * Ollama size tag ({@code 270m}, {@code 1b-it-qat}, {@code latest}) becomes the tag. Known families
 * are data ({@code model_families} in the rules) so that {@code ollama_param_tuning.csv} does not
 * make "ollama" a model.
 */
public final class ModelFromPath {

    private static final Pattern TAG = Pattern.compile("(?:\\d+(?:\\.\\d+)?[bmk]|latest)(?:-[a-z0-9.]+)*");
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("[_\\s]+");

    private final Pattern family;

    public ModelFromPath(List<String> families) {
        String alternatives = families.stream()
                .map(f -> Pattern.quote(f.toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("|"));
        this.family = Pattern.compile("(?:" + (alternatives.isEmpty() ? "(?!)" : alternatives)
                + ")(?:\\d+(?:\\.\\d+)*)?(?:-[a-z0-9.]+)*");
    }

    /**
     * The model named by a root-relative path ({@code /}-separated), if any.
     */
    public Optional<String> resolve(String relativePath) {
        String[] segments = relativePath.replace('\\', '/').split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String name = i == segments.length - 1 ? withoutExtension(segments[i]) : segments[i];
            Optional<String> model = fromName(name);
            if (model.isPresent()) {
                return model;
            }
        }
        return Optional.empty();
    }

    private Optional<String> fromName(String name) {
        String[] tokens = TOKEN_SEPARATOR.split(name.toLowerCase(Locale.ROOT));
        for (int i = 0; i < tokens.length; i++) {
            if (family.matcher(tokens[i]).matches()) {
                if (i + 1 < tokens.length && TAG.matcher(tokens[i + 1]).matches()) {
                    return Optional.of(tokens[i] + ":" + tokens[i + 1]);
                }
                return Optional.of(tokens[i]);
            }
        }
        return Optional.empty();
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
