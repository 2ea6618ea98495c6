package io.chimera.insight.localstack.registry;

/**
 * A request the registry refuses, carrying the HTTP status and the Confluent {@code error_code}
 * clients switch on (401 unauthenticated, 40301 denied, 40401 subject not found, 40402 version not
 * found, 40403 schema not found, 409 incompatible, 415 not JSON, 42201 invalid schema, 42202 invalid
 * version, 42203 invalid compatibility level).
 */
final class RegistryError extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryError(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    static RegistryError unauthorized() {
        return new RegistryError(401, 401, "Unauthorized: this registry needs HTTP basic authentication");
    }

    static RegistryError writesReserved() {
        return new RegistryError(403, 40301, "Forbidden: this registry is read-only to all but the pipeline that "
                + "started it (chimera up/run --registry-open lets any local client write)");
    }

    static RegistryError unsupportedMediaType(String contentType) {
        return new RegistryError(415, 415, "HTTP 415 Unsupported Media Type: a request with a body must be "
                + "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json or application/json, not "
                + (contentType == null ? "none" : contentType));
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String what) {
        return new RegistryError(404, 40403, what + " not found");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel(String level) {
        return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive: " + level);
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }
}
