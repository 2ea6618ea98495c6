package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker and registry for a test class ({@code @RegisterExtension static}), and the
 * shortcuts the ingest broker tests share. Each test takes topics under a prefix of its own.
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    private LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = LocalStack.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
    }

    public KafkaSettings settings() {
        return stack.kafkaSettings();
    }

    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    /** Serdes with a registry client of their own, holding the stack's credential: it may register schemas. */
    public EventSerdes serdes() {
        return new EventSerdes(stack.registryClient());
    }

    /** Every topic of the catalog under {@code prefix}, created with {@code partitions} partitions. */
    public TopicNames topics(String prefix, int partitions) {
        TopicNames names = new TopicNames(prefix);
        TopicAdmin.ensureTopics(settings(), names, partitions);
        return names;
    }

    public TransactionalFilePublisher publisher(TopicNames names, String transactionalId) {
        return new TransactionalFilePublisher(new KafkaContext(settings(), names, serdes()), transactionalId);
    }
}
