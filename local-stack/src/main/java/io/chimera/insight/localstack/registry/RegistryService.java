package io.chimera.insight.localstack.registry;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Objects;

/**
 * The registry's rules, independent of HTTP: global ids shared by identical schemas, per-subject
 * versions, idempotent registration, compatibility checks per level. Every operation is
 * synchronised: writes go to the log first and to memory second, so a crash between the two
 * loses nothing the log does not also lack; traffic is a handful of calls per service start.
 */
final class RegistryService {

    private final SchemaLog log;
    private final SchemaStore store = new SchemaStore();

    RegistryService(SchemaLog log) {
        this.log = log;
    }

    /** Rebuilds the state from the log; call once before serving. */
    synchronized void load() {
        log.replay((key, value) -> SchemaLogRecords.apply(key, value, store));
    }

    /**
     * Registers {@code schemaText} under {@code subject} and returns its global id (idempotent). A
     * caller that may not write ({@code mayAddVersion} false) gets the id of a schema the subject
     * already holds, which changes nothing, and is refused anything else.
     */
    synchronized int register(String subject, String schemaText, boolean mayAddVersion) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        List<SubjectVersion> versions = store.versions(subject);
        for (SubjectVersion existing : versions) {
            if (existing.schema().equals(canonical)) {
                return existing.id();
            }
        }
        if (!mayAddVersion) {
            throw RegistryError.writesReserved();
        }
        List<String> violations = store.level(subject).violations(schema, parsed(versions));
        if (!violations.isEmpty()) {
            throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\", details: " + violations);
        }
        int id = store.idOf(canonical).orElseGet(store::nextId);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        SubjectVersion registered = new SubjectVersion(subject, version, id, canonical);
        log.append(SchemaLogRecords.schemaKey(subject, version), SchemaLogRecords.schemaValue(registered));
        store.putSchema(subject, version, id, canonical);
        return id;
    }

    /** The version of {@code subject} holding {@code schemaText}. */
    synchronized SubjectVersion lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        List<SubjectVersion> versions = existingVersions(subject);
        return versions.stream()
                .filter(version -> version.schema().equals(canonical))
                .findFirst()
                .orElseThrow(() -> RegistryError.schemaNotFound("Schema"));
    }

    synchronized String schemaById(int id) {
        return store.schema(id).orElseThrow(() -> RegistryError.schemaNotFound("Schema " + id));
    }

    synchronized List<String> subjects() {
        return store.subjects();
    }

    synchronized List<Integer> versions(String subject) {
        return existingVersions(subject).stream().map(SubjectVersion::version).toList();
    }

    /** One version of a subject; {@code versionSpec} is a positive number or {@code latest}. */
    synchronized SubjectVersion version(String subject, String versionSpec) {
        List<SubjectVersion> versions = existingVersions(subject);
        if ("latest".equals(versionSpec) || "-1".equals(versionSpec)) {
            return versions.get(versions.size() - 1);
        }
        int wanted = parseVersion(versionSpec);
        return versions.stream()
                .filter(version -> version.version() == wanted)
                .findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, versionSpec));
    }

    /**
     * Whether {@code schemaText} could be registered: against one version ({@code versionSpec}), or
     * against the versions the subject's level looks at ({@code versionSpec} null).
     */
    synchronized boolean isCompatible(String subject, String versionSpec, String schemaText) {
        Schema candidate = parse(schemaText);
        CompatibilityLevel level = store.level(subject);
        if (versionSpec == null) {
            return level.violations(candidate, parsed(store.versions(subject))).isEmpty();
        }
        SubjectVersion against = version(subject, versionSpec);
        return level.violations(candidate, parsed(List.of(against))).isEmpty();
    }

    /** The effective level of {@code subject}, or the global level when {@code subject} is null. */
    synchronized CompatibilityLevel level(String subject) {
        return store.level(subject);
    }

    /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
    synchronized void setLevel(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        log.append(SchemaLogRecords.configKey(subject), SchemaLogRecords.configValue(level));
        store.putLevel(subject, level);
    }

    private List<SubjectVersion> existingVersions(String subject) {
        List<SubjectVersion> versions = store.versions(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private static List<Schema> parsed(List<SubjectVersion> versions) {
        return versions.stream().map(version -> new Schema.Parser().parse(version.schema())).toList();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private static int parseVersion(String versionSpec) {
        try {
            int version = Integer.parseInt(versionSpec);
            if (version < 1) {
                throw RegistryError.invalidVersion(versionSpec);
            }
            return version;
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(versionSpec);
        }
    }
}
