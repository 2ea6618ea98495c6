package io.chimera.insight.localstack.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state in memory: schemas by global id, versions by subject, compatibility levels.
 * It is rebuilt from the {@code _schemas} topic at start and updated after each durable write; it
 * is not thread-safe on its own ({@link RegistryService} serialises access).
 */
final class SchemaStore {

    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<SubjectVersion>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    void putSchema(String subject, int version, int id, String schema) {
        schemaById.put(id, schema);
        idBySchema.putIfAbsent(schema, id);
        maxId = Math.max(maxId, id);
        List<SubjectVersion> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.removeIf(existing -> existing.version() == version);
        versions.add(new SubjectVersion(subject, version, id, schema));
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
    }

    void putLevel(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject, level);
        }
    }

    /** The global id of a canonical schema string, if any subject registered it. */
    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    Optional<String> schema(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    int nextId() {
        return maxId + 1;
    }

    List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** Versions of a subject, oldest first; empty when the subject is unknown. */
    List<SubjectVersion> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    CompatibilityLevel level(String subject) {
        if (subject == null) {
            return globalLevel;
        }
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
