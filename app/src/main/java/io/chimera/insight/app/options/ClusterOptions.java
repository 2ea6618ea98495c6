package io.chimera.insight.app.options;

import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.kafka.TopicReplication;
import io.chimera.insight.platform.topics.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the cluster is: shared by every command that talks to a real cluster. Flags win over
 * environment variables, which win over the properties file.
 */
public final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT]",
            defaultValue = "${env:CHIMERA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: CHIMERA_BOOTSTRAP_SERVERS. Required against a real cluster.")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL", defaultValue = "${env:CHIMERA_SCHEMA_REGISTRY_URL}",
            description = "Base URL of a Confluent-API-compatible schema registry (Confluent, Apicurio ccompat, "
                    + "Karapace, Redpanda). Env: CHIMERA_SCHEMA_REGISTRY_URL.")
    String schemaRegistryUrl;

    @Option(names = "--registry-user", paramLabel = "USER", defaultValue = "${env:CHIMERA_SCHEMA_REGISTRY_USER}",
            description = "Basic-auth user for the schema registry. Env: CHIMERA_SCHEMA_REGISTRY_USER.")
    String registryUser;

    @Option(names = "--registry-password", paramLabel = "PASSWORD",
            defaultValue = "${env:CHIMERA_SCHEMA_REGISTRY_PASSWORD}",
            description = "Basic-auth password for the schema registry. Env: CHIMERA_SCHEMA_REGISTRY_PASSWORD.")
    String registryPassword;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "${env:CHIMERA_TOPIC_PREFIX}",
            description = "Prefix of every topic name (default: ${DEFAULT-VALUE}). Env: CHIMERA_TOPIC_PREFIX.")
    String topicPrefix = TopicNames.DEFAULT_PREFIX;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property applied to every client (repeatable), e.g. "
                    + "security.protocol=SASL_SSL. Wins over --kafka-config.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:CHIMERA_KAFKA_CONFIG}",
            description = "A Java properties file of Kafka client properties (SASL, TLS...). Env: CHIMERA_KAFKA_CONFIG.")
    Path kafkaConfig;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of each topic this command creates when it is missing (default: ${DEFAULT-VALUE}).")
    int partitions = TopicAdmin.DEFAULT_PARTITIONS;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:CHIMERA_REPLICATION_FACTOR}",
            description = "Replicas of each topic this command creates, Kafka Streams' internal ones included (default: "
                    + "the cluster's default.replication.factor). 3 on a three-broker cluster. Env: CHIMERA_REPLICATION_FACTOR.")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N", defaultValue = "${env:CHIMERA_MIN_INSYNC_REPLICAS}",
            description = "min.insync.replicas of each topic this command creates (default: the cluster's). 2 with "
                    + "--replication-factor 3. Env: CHIMERA_MIN_INSYNC_REPLICAS.")
    Integer minInsyncReplicas;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create missing topics at start (default: ${DEFAULT-VALUE}); --no-create-topics where "
                    + "topics are managed elsewhere.")
    boolean createTopics;

    public int partitions() {
        return partitions;
    }

    public boolean createTopics() {
        return createTopics;
    }

    /** How the topics this command creates are replicated. */
    public TopicReplication topicReplication() {
        return TopicReplication.of(replicationFactor, minInsyncReplicas);
    }

    public TopicNames topicNames() {
        return new TopicNames(topicPrefix);
    }

    /** Client properties from the file, then the flags. */
    public Map<String, String> clientProperties() {
        Map<String, String> merged = new LinkedHashMap<>();
        if (kafkaConfig != null) {
            Properties fromFile = new Properties();
            try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
                fromFile.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage(), e);
            }
            fromFile.stringPropertyNames().forEach(name -> merged.put(name, fromFile.getProperty(name)));
        }
        merged.putAll(kafkaProperties);
        return merged;
    }

    /** The settings for a real cluster: both endpoints must be given. */
    public KafkaSettings requireSettings() {
        requireBootstrapServers();
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "no schema registry given: pass --schema-registry or set CHIMERA_SCHEMA_REGISTRY_URL");
        }
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, clientProperties()).withTopicReplication(topicReplication());
    }

    /** The bootstrap servers of a real cluster, for a command that needs no schema registry (the registry itself). */
    public String requireBootstrapServers() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka cluster given: pass --bootstrap-servers or set CHIMERA_BOOTSTRAP_SERVERS "
                            + "(or use 'chimera run' / 'chimera up' for the embedded one)");
        }
        return bootstrapServers;
    }

    public String registryUser() {
        return registryUser;
    }

    public String registryPassword() {
        return registryPassword;
    }
}
