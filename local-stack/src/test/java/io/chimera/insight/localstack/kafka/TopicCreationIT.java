package io.chimera.insight.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.kafka.TopicCreation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Topic creation against a real one-node KRaft cluster: a broker fenced for a moment is waited out, a
 * replication factor the cluster cannot give fails at once, an existing topic counts as made.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TopicCreationIT {

    @Test
    void aTopicAskedForWhileTheBrokerIsFencedIsMadeOnceItIsUnfenced() throws Exception {
        // Heartbeats slower than the session: the controller fences the broker 1.5 s after each one and the
        // next unfences it, as a starved controller does with a 3 s session and heartbeats it is late to read.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .property("broker.session.timeout.ms", "1500")
                .property("broker.heartbeat.interval.ms", "4000")
                .build().start();
             Admin admin = admin(broker)) {
            awaitFenced(admin);

            TopicCreation.create(admin, List.of(new NewTopic("made-after-fencing", 2, (short) 1)));

            assertThat(listedSoon(admin, "made-after-fencing")).contains("made-after-fencing");
        }
    }

    @Test
    void aReplicationFactorTheClusterCannotGiveFailsAtOnceAndAnExistingTopicCountsAsMade() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = admin(broker)) {
            assertThatThrownBy(() -> TopicCreation.create(admin, List.of(new NewTopic("three-copies", 1, (short) 3))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot create topics [three-copies]")
                    .hasMessageNotContaining("stayed fenced")
                    .hasCauseInstanceOf(InvalidReplicationFactorException.class);

            TopicCreation.create(admin, List.of(new NewTopic("twice", 1, (short) 1)));
            TopicCreation.create(admin, List.of(new NewTopic("twice", 1, (short) 1), new NewTopic("once", 1, (short) 1)));

            assertThat(listedSoon(admin, "twice", "once")).contains("twice", "once").doesNotContain("three-copies");
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** The topics listed once each of {@code names} is (the broker's metadata follows a creation a moment later), or after 10 s. */
    private static Set<String> listedSoon(Admin admin, String... names) throws Exception {
        Set<String> listed = admin.listTopics().names().get();
        for (int i = 0; i < 200 && !listed.containsAll(List.of(names)); i++) {
            Thread.sleep(50);
            listed = admin.listTopics().names().get();
        }
        return listed;
    }

    /** Waits until the controller says the broker is fenced (within two of its heartbeats). */
    private static void awaitFenced(Admin admin) throws Exception {
        for (int i = 0; i < 200; i++) {
            Set<Boolean> fenced = Set.copyOf(admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                    .nodes().get(10, TimeUnit.SECONDS).stream().map(Node::isFenced).toList());
            if (fenced.contains(true)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the broker was never fenced in 10 s: the test's premise does not hold");
    }
}
