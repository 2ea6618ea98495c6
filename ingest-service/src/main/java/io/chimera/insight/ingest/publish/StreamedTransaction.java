package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.IngestSink;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.Topics;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One file's transaction, fed as the file is read: each record is encoded and sent at once, so what
 * is in flight is bounded by the producer's {@code buffer.memory} (a send blocks while it is full),
 * not by the file. Readers of committed data still see all of the file or none of it.
 *
 * <p>A record that cannot be encoded or that the cluster refuses stops the sending (the reading goes
 * on, to learn the file's outcome); {@link #failure} says why, and the transaction is to be aborted.
 * So is it when the file is rejected whole ({@link #discarded}).
 */
final class StreamedTransaction implements IngestSink {

    private final KafkaContext kafka;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetterLog deadLetters = new DeadLetterLog();
    private volatile Throwable failure; // set by the producer's I/O thread too
    private boolean discarded;
    private long sent;

    StreamedTransaction(KafkaContext kafka, Producer<byte[], byte[]> producer) {
        this.kafka = kafka;
        this.producer = producer;
    }

    @Override
    public void run(BenchmarkRun run) {
        send(Topics.BENCHMARK_RUNS, run.getModel(), run);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter);
        deadLetters.add(deadLetter);
    }

    /** Nothing sent can be taken back but by aborting: from now on nothing more is sent. */
    @Override
    public void discard() {
        discarded = true;
        deadLetters.clear();
    }

    /** Encodes and sends {@code value}, unless the transaction is already lost. */
    <V> void send(Topic<V> topic, String key, V value) {
        if (discarded || failure != null) {
            return;
        }
        Outbox one = new Outbox(kafka.names(), kafka.serdes());
        try {
            one.send(topic, key, value);
            for (ProducerRecord<byte[], byte[]> record : one.records()) {
                producer.send(record, (metadata, error) -> {
                    if (error != null && failure == null) {
                        failure = error;
                    }
                });
                sent++;
            }
        } catch (RuntimeException e) {
            // cannot be encoded (registry unreachable), refused at once, or the transaction failed before
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Why the transaction cannot commit: a record refused or not encodable. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    boolean discarded() {
        return discarded;
    }

    long sent() {
        return sent;
    }

    DeadLetterLog deadLetters() {
        return deadLetters;
    }
}
