package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.topics.Topics;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Where the cluster and registry are, plus any client properties the operator passes through
 * ({@code --kafka-property}, a properties file): SASL and TLS settings work unchanged because they
 * are copied into every client we build. Our defaults come first; the operator's win.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl base URL of a Confluent-API-compatible schema registry
 * @param clientProperties extra properties applied to every producer, consumer, admin and Streams client
 * @param groupInstanceId  null: every group member built from these settings is a dynamic member (the stand-alone
 *                         services; an operator may still pass {@code group.instance.id} as a client property).
 *                         Otherwise each is a static member of its group under this id
 *                         ({@code group.instance.id}; a Streams instance adds its thread's index), so that a
 *                         restarted process takes over its old memberships at once, however it stopped, instead of
 *                         waiting out the old members' session timeout. Only for a process that is the one instance
 *                         of each of its groups, as local mode is
 * @param topicReplication how the topics our services create, Streams' internal ones included, are replicated
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties,
                            String groupInstanceId, TopicReplication topicReplication) {

    /** Room for one record of {@link Topics#LARGE_RECORD_BYTES} plus its batch overhead. */
    static final int LARGE_REQUEST_BYTES = Topics.LARGE_RECORD_BYTES + 64 * 1024;

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        clientProperties = Map.copyOf(clientProperties);
        if (groupInstanceId != null && groupInstanceId.isBlank()) {
            throw new IllegalArgumentException("a group instance id must not be blank");
        }
        Objects.requireNonNull(topicReplication, "topicReplication");
    }

    public KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties,
                         String groupInstanceId) {
        this(bootstrapServers, schemaRegistryUrl, clientProperties, groupInstanceId, TopicReplication.CLUSTER_DEFAULTS);
    }

    public KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties) {
        this(bootstrapServers, schemaRegistryUrl, clientProperties, null);
    }

    public KafkaSettings(String bootstrapServers, String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** The same settings, whose group members are static members under {@code id} (see {@link #groupInstanceId}). */
    public KafkaSettings withGroupInstanceId(String id) {
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, clientProperties, id, topicReplication);
    }

    /** The same settings, creating topics replicated as {@code replication} says. */
    public KafkaSettings withTopicReplication(TopicReplication replication) {
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, clientProperties, groupInstanceId, replication);
    }

    /** Properties for an admin client. */
    public Properties adminProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.putAll(clientProperties);
        return props;
    }

    /** Most bytes a bulk producer batches per partition before sending. */
    static final int BULK_BATCH_BYTES = 128 * 1024;

    /** An idempotent producer writing raw bytes (serialisation is done with our serdes). */
    public Properties producerProps(String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(LARGE_REQUEST_BYTES));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(clientProperties);
        return props;
    }

    /**
     * How long a transactional producer waits before it sends a refused request again: 10 ms
     * instead of the client's 100 ms. A transaction begun right after the last one committed
     * finds the coordinator still writing that one's markers (transaction version 2, Kafka 4), so
     * the broker refuses its offsets (TxnOffsetCommit) with CONCURRENT_TRANSACTIONS, and the
     * client sends them again after {@code retry.backoff.ms}. The analysis loop commits whenever
     * analyses finish, so with several workers finishing together it met this again and again
     * (./chimera bench, 4 workers: 13 refusals over 3 batches of 32 analyses), each stalling the
     * loop thread, and with it the results in hand, for 100 ms where the markers took a few ms. Kafka retries its
     * own AddPartitionsToTxn after 20 ms for the same reason. A request refused again waits twice
     * as long each time, up to {@code retry.backoff.max.ms} (1 s), so a coordinator that stays
     * busy is not hammered.
     */
    static final int TRANSACTIONAL_RETRY_BACKOFF_MS = 10;

    /**
     * A transactional producer: one transaction per unit of work (a file, a report), retrying a
     * refused request after {@link #TRANSACTIONAL_RETRY_BACKOFF_MS}. A {@code retry.backoff.ms}
     * given by the user wins.
     */
    public Properties transactionalProducerProps(String transactionalId) {
        Properties props = producerProps(transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        if (!clientProperties.containsKey(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)) {
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, Integer.toString(TRANSACTIONAL_RETRY_BACKOFF_MS));
        }
        return props;
    }

    /**
     * A producer that sends many records in bursts (ingest publishing hundreds of files in one
     * transaction): batches of up to 128 KiB per partition instead of the client's 16 KiB. Ingest's
     * records then cost the broker 1.3 µs each instead of 3.2 µs (./chimera bench, 2 cores). Only
     * for bulk producers: a loop committing a few records per transaction (analysis, report, the
     * bench's raw loop) ran at half speed with it. A {@code batch.size} given by the user wins.
     */
    public Properties bulkProducerProps(String clientId) {
        return bulk(producerProps(clientId));
    }

    /**
     * How long ingest's transactions may stay open: 10 minutes. A file too large for a reader's window is
     * streamed into one transaction, which must commit before this (the client's default is 1 minute);
     * the records-per-file limit keeps a file well within it. Below the broker's default ceiling
     * ({@code transaction.max.timeout.ms}, 15 minutes). A crashed publisher's open transaction is aborted
     * by its next start (same transactional id) long before.
     */
    static final int BULK_TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

    /**
     * {@link #bulkProducerProps} with transactions, open up to {@link #BULK_TRANSACTION_TIMEOUT_MS}:
     * ingest's publisher. A {@code transaction.timeout.ms} given by the user wins.
     */
    public Properties bulkTransactionalProducerProps(String transactionalId) {
        Properties props = bulk(transactionalProducerProps(transactionalId));
        if (!clientProperties.containsKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(BULK_TRANSACTION_TIMEOUT_MS));
        }
        return props;
    }

    private Properties bulk(Properties props) {
        if (!clientProperties.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BULK_BATCH_BYTES));
        }
        return props;
    }

    /**
     * A consumer that sees committed data only and commits offsets itself. For a member of
     * {@code groupId} (one that subscribes) use {@link #groupMemberProps}; this is for consumers
     * that assign themselves partitions and only name a group.
     */
    public Properties consumerProps(String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(clientProperties);
        return props;
    }

    /**
     * {@link #consumerProps} of a consumer that subscribes as a member of {@code groupId}: a static
     * member under {@link #groupInstanceId} when these settings have one.
     */
    public Properties groupMemberProps(String groupId) {
        Properties props = consumerProps(groupId);
        if (groupInstanceId != null) {
            props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        }
        return props;
    }

    /**
     * A Kafka Streams application processing exactly once; its group member is static under
     * {@link #groupInstanceId} when these settings have one. Its producer batches up to
     * {@link #BULK_BATCH_BYTES} per partition, as a bulk producer does, unless the user gave a
     * {@code batch.size}: an emission of a model swept over thousands of configurations writes thousands of
     * {@code config-metrics} records of a few KiB to the model's one partition, and a commit hundreds of
     * store entries of a KiB or more to a changelog partition; at 16 KiB each few of those records made a
     * produce request of their own (one batch per partition and request), paid by the producer's network
     * thread and the broker's request handlers (docs/benchmarks.md, "scale10"). Uncompressed, as Streams'
     * producer is here, its batches' buffers come from the producer's pool.
     */
    public Properties streamsProps(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(LARGE_REQUEST_BYTES));
        if (!clientProperties.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(BULK_BATCH_BYTES));
        }
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (groupInstanceId != null) {
            // Streams makes it <id>-<thread index> for each stream thread's consumer.
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
        }
        props.putAll(topicReplication.streamsProps());
        props.putAll(clientProperties);
        return props;
    }
}
