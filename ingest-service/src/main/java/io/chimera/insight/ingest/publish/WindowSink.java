package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.IngestSink;
import io.chimera.insight.ingest.ReadAbandoned;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.topics.Topics;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Encodes a file's records on its reader's thread, as they are made, while they fit the window: the
 * file then goes out in a shared transaction like any small file. Past the window it gives up
 * ({@link ReadAbandoned}), and the file is streamed by the publishing thread instead, so a reader never
 * holds more than the window of any file.
 */
final class WindowSink implements IngestSink {

    private final KafkaContext kafka;
    private final Outbox outbox;
    private final long windowBytes;
    private final DeadLetterLog deadLetters = new DeadLetterLog();
    private long bytes;
    private RuntimeException encodingFailure;

    WindowSink(KafkaContext kafka, long windowBytes) {
        this.kafka = kafka;
        this.outbox = new Outbox(kafka.names(), kafka.serdes());
        this.windowBytes = windowBytes;
    }

    @Override
    public void run(BenchmarkRun run) {
        send(one -> one.send(Topics.BENCHMARK_RUNS, run.getModel(), run));
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        send(one -> one.send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter));
        deadLetters.add(deadLetter);
    }

    @Override
    public void discard() {
        outbox.clear();
        deadLetters.clear();
        bytes = 0;
    }

    /** What was encoded, in order. */
    Outbox outbox() {
        return outbox;
    }

    /** The registry unreachable, a schema rejected: the file cannot be encoded now. */
    RuntimeException encodingFailure() {
        return encodingFailure;
    }

    DeadLetterLog deadLetters() {
        return deadLetters;
    }

    private void send(Consumer<Outbox> encode) {
        if (encodingFailure != null) {
            return; // read on: the file's outcome is still wanted, to say why it failed
        }
        Outbox one = new Outbox(kafka.names(), kafka.serdes());
        try {
            encode.accept(one);
        } catch (RuntimeException e) {
            encodingFailure = e;
            return;
        }
        for (ProducerRecord<byte[], byte[]> record : one.records()) {
            bytes += record.value().length + (record.key() == null ? 0 : record.key().length);
        }
        one.drainTo(outbox);
        if (bytes > windowBytes) {
            throw new ReadAbandoned("over the window of " + windowBytes + " bytes");
        }
    }
}
