package io.chimera.insight.localstack;

import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.localstack.registry.EmbeddedSchemaRegistry;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;

/**
 * The whole local infrastructure in one call: an embedded KRaft broker plus the embedded schema
 * registry stored on it. {@code chimera up/run} and end-to-end tests use it so the services run
 * against real Kafka and registry semantics with no Docker and no separate processes. Service code
 * never depends on this class; it only receives the resulting {@link KafkaSettings}.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults())) {
 *     KafkaSettings settings = stack.kafkaSettings();
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts with {@link LocalStackOptions#defaults()}. */
    public static LocalStack start() {
        return start(LocalStackOptions.defaults());
    }

    /** Starts the broker, then the registry on it; returns when both serve. */
    public static LocalStack start(LocalStackOptions options) {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(options.kafkaPort())
                .controllerPort(options.controllerPort())
                .partitions(options.partitions());
        options.dataDirectory().ifPresent(dir -> builder.dataDir(dir.resolve("kafka")));
        EmbeddedKafkaBroker broker = builder.build().start();
        try {
            return new LocalStack(broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                    options.registryPort(), options.registryAccess()));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /**
     * The registry client of the pipeline running on this stack: it holds the registry's credential,
     * so it may register schemas where other clients only read.
     */
    public HttpSchemaRegistryClient registryClient() {
        return registry.client();
    }

    /** Client settings pointing at this stack. */
    public KafkaSettings kafkaSettings() {
        return new KafkaSettings(bootstrapServers(), schemaRegistryUrl());
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** Stops the registry, then the broker (deleting temporary data). */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
