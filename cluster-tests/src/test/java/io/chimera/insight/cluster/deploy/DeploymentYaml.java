package io.chimera.insight.cluster.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment YAML files as plain maps and lists. SnakeYAML rather than Jackson's YAML module:
 * the compose file builds its services from anchors and merge keys ({@code <<: *chimera}), which
 * SnakeYAML resolves as Compose does and Jackson does not.
 */
final class DeploymentYaml {

    private DeploymentYaml() {
    }

    /** Every document of {@code file} that is not empty. */
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }

    /** The single document of {@code file}. */
    static Map<String, Object> document(Path file) {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + documents.size() + " documents, not one");
        }
        return documents.get(0);
    }

    /** {@code node} as a mapping; {@code where} names it in the error when it is something else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException(where + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    /** {@code node} as a sequence of mappings (absent: empty). */
    static List<Map<String, Object>> maps(Object node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " is not a sequence: " + node);
        }
        return list.stream().map(item -> map(item, where)).toList();
    }
}
