package io.chimera.insight.app.commands;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import io.chimera.insight.schemas.registry.SchemaRegistry;

/** Builds the registry client every command uses. */
final class Registries {

    private Registries() {
    }

    static SchemaRegistry client(KafkaSettings settings, String user, String password) {
        return new HttpSchemaRegistryClient(settings.schemaRegistryUrl(), user, password);
    }
}
