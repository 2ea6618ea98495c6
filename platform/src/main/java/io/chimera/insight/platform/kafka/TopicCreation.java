package io.chimera.insight.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics, waiting out brokers that are only fenced for a moment. A KRaft controller fences a
 * broker whose heartbeat it did not process within the session timeout, and on a starved machine (a
 * one-node cluster on 2 busy cores, its controller's event queue behind) that is a heartbeat late,
 * not a broker gone: the next one unfences it. A topic asked for meanwhile is refused with
 * {@link InvalidReplicationFactorException} ("All brokers are currently fenced"), the same error as a
 * replication factor the cluster can never give. So the refusal is retried only while the cluster
 * says a broker is fenced, up to {@link #PATIENCE}; a factor too large for the live brokers fails at
 * once, as before. A topic that already exists counts as made (another instance won the race).
 */
public final class TopicCreation {

    /** How long fenced brokers are waited for: a few of the one-node cluster's 3 s sessions. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long RETRY_MS = 200;

    private TopicCreation() {
    }

    /** Creates {@code topics}, each unless it exists; throws {@link IllegalStateException} saying why one cannot be. */
    public static void create(Admin admin, Collection<NewTopic> topics) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<NewTopic> pending = new ArrayList<>(topics);
        while (!pending.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(pending).values();
            List<NewTopic> refused = new ArrayList<>();
            InvalidReplicationFactorException refusal = null;
            for (NewTopic topic : pending) {
                try {
                    results.get(topic.name()).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InvalidReplicationFactorException fenced) {
                        refused.add(topic);
                        refusal = fenced;
                    } else if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            if (refusal != null) {
                waitOutFencedBrokers(admin, refused, refusal, deadline);
            }
            pending = refused;
        }
    }

    /** Returns when a retry may succeed: a broker is fenced and the patience lasts; throws otherwise. */
    private static void waitOutFencedBrokers(Admin admin, List<NewTopic> refused,
                                             InvalidReplicationFactorException refusal, long deadline)
            throws InterruptedException {
        List<String> names = refused.stream().map(NewTopic::name).toList();
        List<Node> fenced = fencedBrokers(admin);
        if (fenced.isEmpty()) {
            throw new IllegalStateException("cannot create topics " + names + ": " + refusal.getMessage(), refusal);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("cannot create topics " + names + ": brokers " + ids(fenced)
                    + " stayed fenced for " + PATIENCE.toSeconds() + " s (" + refusal.getMessage()
                    + "); is the controller starved of CPU, or the broker's heartbeat failing?", refusal);
        }
        Thread.sleep(RETRY_MS);
    }

    /** The brokers the controller holds fenced now. */
    private static List<Node> fencedBrokers(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes().get(
                    30, TimeUnit.SECONDS).stream().filter(Node::isFenced).toList();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the cluster to see whether its brokers are fenced: "
                    + e.getMessage(), e);
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
