package io.chimera.insight.platform.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds the Kafka clients' own metrics (consumer lag, fetch and send rates...) into a service's
 * registry through Micrometer, labelled with the service. Close the binding with the client: its
 * meters go away with it instead of reporting a closed client.
 */
public final class KafkaMeters {

    /** A bound client's meters; closing unbinds them. */
    public interface Binding extends AutoCloseable {

        /** Nothing bound. */
        Binding NONE = () -> { };

        @Override
        void close();
    }

    private KafkaMeters() {
    }

    public static Binding bind(PipelineMetrics metrics, Consumer<?, ?> consumer) {
        if (!metrics.exported()) {
            return Binding.NONE;
        }
        KafkaClientMetrics bound = new KafkaClientMetrics(consumer, tags(metrics));
        bound.bindTo(metrics.registry());
        return bound::close;
    }

    public static Binding bind(PipelineMetrics metrics, Producer<?, ?> producer) {
        if (!metrics.exported()) {
            return Binding.NONE;
        }
        KafkaClientMetrics bound = new KafkaClientMetrics(producer, tags(metrics));
        bound.bindTo(metrics.registry());
        return bound::close;
    }

    /** A consume-transform-produce pair, bound and unbound together. */
    public static Binding bind(PipelineMetrics metrics, Consumer<?, ?> consumer, Producer<?, ?> producer) {
        Binding consumerMeters = bind(metrics, consumer);
        Binding producerMeters = bind(metrics, producer);
        return () -> {
            producerMeters.close();
            consumerMeters.close();
        };
    }

    /** The metrics of a Streams app, its embedded consumers and producers included. */
    public static Binding bind(PipelineMetrics metrics, KafkaStreams streams) {
        if (!metrics.exported()) {
            return Binding.NONE;
        }
        KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams, tags(metrics));
        bound.bindTo(metrics.registry());
        return bound::close;
    }

    private static Tags tags(PipelineMetrics metrics) {
        return Tags.of(PipelineMetrics.SERVICE, metrics.service());
    }
}
