package io.chimera.insight.localstack;

import io.chimera.insight.localstack.registry.RegistryAccess;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link LocalStack} runs. Everything is optional: by default data goes to a
 * temporary directory deleted on close and every port is a random free one, which is what tests
 * want; {@code chimera up} passes a data directory (kept, reused on the next start) and usually
 * fixed ports so other processes can find the stack.
 *
 * @param dataDir        directory for broker data (its {@code kafka/} sub-directory), or null for a temporary one
 * @param kafkaPort      Kafka client port, 0 = random
 * @param controllerPort KRaft controller port, 0 = random
 * @param registryPort   schema registry HTTP port, 0 = random
 * @param partitions     partitions of topics created without an explicit count
 * @param registryAccess who may use the schema registry; by default all may read and only
 *                       {@link LocalStack#registryClient()} may write
 */
public record LocalStackOptions(Path dataDir, int kafkaPort, int controllerPort, int registryPort, int partitions,
                                RegistryAccess registryAccess) {

    /** One partition per topic: one broker in one JVM gains nothing from more. */
    public static final int DEFAULT_PARTITIONS = 1;

    public LocalStackOptions {
        requirePort(kafkaPort, "kafkaPort");
        requirePort(controllerPort, "controllerPort");
        requirePort(registryPort, "registryPort");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        Objects.requireNonNull(registryAccess, "registryAccess");
    }

    /** Temporary data, random ports, one partition, a registry only the stack's own client writes to. */
    public static LocalStackOptions defaults() {
        return new LocalStackOptions(null, 0, 0, 0, DEFAULT_PARTITIONS, RegistryAccess.ownerWrites());
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDir);
    }

    public LocalStackOptions withDataDir(Path dir) {
        return new LocalStackOptions(dir, kafkaPort, controllerPort, registryPort, partitions, registryAccess);
    }

    public LocalStackOptions withKafkaPort(int port) {
        return new LocalStackOptions(dataDir, port, controllerPort, registryPort, partitions, registryAccess);
    }

    public LocalStackOptions withControllerPort(int port) {
        return new LocalStackOptions(dataDir, kafkaPort, port, registryPort, partitions, registryAccess);
    }

    public LocalStackOptions withRegistryPort(int port) {
        return new LocalStackOptions(dataDir, kafkaPort, controllerPort, port, partitions, registryAccess);
    }

    public LocalStackOptions withPartitions(int count) {
        return new LocalStackOptions(dataDir, kafkaPort, controllerPort, registryPort, count, registryAccess);
    }

    public LocalStackOptions withRegistryAccess(RegistryAccess access) {
        return new LocalStackOptions(dataDir, kafkaPort, controllerPort, registryPort, partitions, access);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " is not a port: " + port);
        }
    }
}
