package io.chimera.insight.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server properties of a one-node KRaft cluster (broker and controller in one process),
 * sized for a laptop or a CI box: every internal topic has one replica and few partitions, the
 * log cleaner's dedupe buffer is small, a segment's index files are a tenth of Kafka's size, the first
 * consumer-group rebalance is not delayed, and a broker restarted after a crash is registered again
 * within seconds.
 */
final class BrokerConfig {

    static final int NODE_ID = 1;
    /**
     * How long the controller keeps a broker registered without a heartbeat (Kafka: 9 s). A broker
     * killed without a clean shutdown stays registered that long, counted from the controller's
     * start, and its successor on the same data directory cannot register before (the controller
     * answers DUPLICATE_BROKER_REGISTRATION): every {@code chimera up} after a kill -9 waited for it.
     * The heartbeats travel inside one JVM here, every 500 ms, so 3 s still leaves six of them.
     */
    static final int BROKER_SESSION_TIMEOUT_MS = 3_000;
    static final int BROKER_HEARTBEAT_INTERVAL_MS = 500;
    /**
     * The most bytes of a log segment's offset and time index (Kafka: 10 MiB). Kafka makes each index
     * file that long at once, a sparse file, and maps it into memory; the kernel here (Linux 6.18, ext4)
     * reads the holes of such a file in with large folios, zeroing them in the request handler that
     * touched the page. Past the bench's first few minutes, once hundreds of partitions held such files,
     * the broker's request handlers spent a third of a core in that zeroing alone, its produce requests
     * took four times as long, and every aggregation measured after that point ran at half the records/s
     * (docs/benchmarks.md, "The embedded broker's index files"). One MiB still holds 87,381 time-index
     * entries, one per 4 KiB of log ({@code log.index.interval.bytes}): a segment rolls at about 341 MiB of
     * records instead of Kafka's 1 GiB, which a laptop's or CI box's broker hardly ever reaches.
     */
    static final int INDEX_BYTES = 1024 * 1024;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String HOST = "127.0.0.1";

    private BrokerConfig() {
    }

    static Map<String, String> of(Path logDir, int brokerPort, int controllerPort, int partitions,
                                  Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());

        props.put("num.partitions", Integer.toString(partitions));
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // The platform creates its topics explicitly; auto-creation would hide a missing ensureTopics.
        props.put("auto.create.topics.enable", "false");

        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("broker.session.timeout.ms", Integer.toString(BROKER_SESSION_TIMEOUT_MS));
        props.put("broker.heartbeat.interval.ms", Integer.toString(BROKER_HEARTBEAT_INTERVAL_MS));

        // The default 128 MiB dedupe buffer would be allocated as soon as a compacted topic exists.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("log.index.size.max.bytes", Integer.toString(INDEX_BYTES));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("background.threads", "2");

        props.putAll(overrides);
        return props;
    }
}
