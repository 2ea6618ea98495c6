package io.chimera.insight.localstack.registry;

/** One registered version of a subject: the answer of the version and lookup endpoints. */
record SubjectVersion(String subject, int version, int id, String schema) {
}
