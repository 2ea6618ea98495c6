package io.chimera.insight.aggregate;

import io.chimera.insight.aggregate.state.BoundedRocksDbMemory;
import io.chimera.insight.aggregate.topology.AggregationSerdes;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.AggregationTopology;

import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.FatalErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the aggregation topology as a Kafka Streams application: the topology itself is a static
 * builder ({@link AggregationTopology}); this class only carries configuration and lifecycle.
 */
public final class AggregationService implements ChimeraService {

    private static final Logger log = LoggerFactory.getLogger(AggregationService.class);

    /** Where the service keeps its state: RocksDB, so a restart does not replay the changelogs. */
    public static final AggregationTopology.StoreKind STORE_KIND = AggregationTopology.StoreKind.PERSISTENT;

    private final KafkaContext kafka;
    private final KafkaStreams streams;
    private final boolean staticMember;
    private final CountDownLatch running = new CountDownLatch(1);

    public AggregationService(KafkaContext kafka, AggregationSettings aggregation, String applicationId,
                              Path stateDir, int standbyReplicas) {
        this(kafka, aggregation, applicationId, stateDir, standbyReplicas, null);
    }

    /**
     * @param applicationServer {@code host:port} of this instance's query API
     *                          ({@link io.chimera.insight.aggregate.query.QueryServer#applicationServer()}),
     *                          so that queries reach the instance holding a model; null without a query API
     */
    public AggregationService(KafkaContext kafka, AggregationSettings aggregation, String applicationId,
                              Path stateDir, int standbyReplicas, String applicationServer) {
        this(kafka, aggregation, applicationId, stateDir, standbyReplicas, applicationServer, PipelineMetrics.none("aggregate"));
    }

    /**
     * @param metrics where the {@code performance-changes} events are counted, by kind and direction
     */
    public AggregationService(KafkaContext kafka, AggregationSettings aggregation, String applicationId,
                              Path stateDir, int standbyReplicas, String applicationServer, PipelineMetrics metrics) {
        this.kafka = kafka;
        Properties props = streamsProps(kafka, applicationId, stateDir, standbyReplicas, aggregation.streamThreads());
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        this.staticMember = Stream.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .anyMatch(props::containsKey);
        this.streams = new KafkaStreams(AggregationTopology.build(kafka.names(), AggregationSerdes.from(kafka.serdes()),
                aggregation, STORE_KIND,
                event -> metrics.performanceChange(event.getKind(), event.getDirection())),
                props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.ERROR) {
                // Nothing restarts a client in ERROR: the service is down for good.
                FatalErrors.fatal("Kafka Streams client in state ERROR", name(), "the aggregation stopped", null);
            }
        });
        streams.setUncaughtExceptionHandler(this::onStreamThreadFailure);
    }

    /**
     * The Streams configuration the service runs with (exactly_once_v2, the commit interval, the
     * client settings: {@code KafkaSettings.streamsProps}), its state directory, standbys and stream
     * threads ({@link AggregationSettings#streamThreads()}), and its stores' RocksDB memory, one budget for
     * all of them ({@link BoundedRocksDbMemory}); public so the bench's minimal aggregate, the aggregation's
     * yardstick, runs with the very same.
     */
    public static Properties streamsProps(KafkaContext kafka, String applicationId, Path stateDir,
                                          int standbyReplicas, int streamThreads) {
        Properties props = kafka.settings().streamsProps(applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
        return props;
    }

    /**
     * An exception kills one stream thread, which is replaced: its tasks restart from their last
     * commit (a registry out of reach, say, may be back). An {@link Error} (out of memory, a class
     * that cannot be linked) would kill the new thread alike and leaves the JVM unsound: the client
     * shuts down (SHUTDOWN_CLIENT, not SHUTDOWN_APPLICATION: the other instances of the group are not
     * at fault and take over its tasks) and the error is a fatal error of the process.
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(Throwable e) {
        if (FatalErrors.isFatal(e)) {
            FatalErrors.fatal("aggregate, stream thread " + Thread.currentThread().getName(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.error("aggregation thread failed; replacing it", e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public String name() {
        return "aggregate";
    }

    /**
     * Registers the schemas of the topics the topology writes (see {@code EventSerdes.registerValueSchemas}:
     * a punctuation that met a restarting registry first would cost its stream thread), starts the
     * Streams app and waits (up to a minute) until it has joined its group and is running.
     */
    @Override
    public void start() {
        kafka.serdes().registerValueSchemas(kafka.names(), AggregationTopology.OUTPUT_TOPICS);
        streams.start();
        try {
            if (!running.await(60, TimeUnit.SECONDS)) {
                log.warn("aggregation not RUNNING after 60 s (state {})", streams.state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    /** The Streams instance, for interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // A static member (local mode) stays in its group: the restarted instance, under the same
        // group.instance.id, takes its place at once, as it does after a crash. A dynamic member asks to
        // leave, so that the group need not wait out its session timeout (45 s) - though Kafka Streams 4.1
        // sends no LeaveGroup for a dynamic member (KAFKA-16514: its consumer never leaves on close, and
        // leaveGroup only removes static members); a dynamic instance restarted at once waits that long.
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(!staticMember).timeout(Duration.ofSeconds(30)));
    }
}
