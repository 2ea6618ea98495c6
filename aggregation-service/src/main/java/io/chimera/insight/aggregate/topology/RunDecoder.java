package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.platform.kafka.DeadLetters;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code benchmark-runs} values inside the topology, so that a record that cannot be
 * decoded becomes a {@code DeadLetter} on {@code dead-letters}, committed in the same exactly-once
 * transaction as the offset that skips it, and the stream goes on.
 *
 * <p>Why not a {@code DeserializationExceptionHandler}: in Kafka Streams 4.1.1 it can only answer
 * CONTINUE (drop the record silently) or FAIL; it cannot produce (dead-letter queues in the
 * handler, KIP-1034, are not in this release). A producer of its own would write outside the
 * transaction.
 *
 * <p>What is dead-lettered: bytes that are not a record of the Confluent wire format or not Avro
 * of the schema they claim ({@link SerializationException}), and a schema id the registry does not
 * know (HTTP 404). A registry that cannot be reached, or fails otherwise, is not the record's fault:
 * the exception stops the stream thread, which Streams replaces; the record is read again.
 *
 * <p>Records written with the aggregation's own schema are read by the task's {@link RunRecordReader} straight
 * from their bytes; every other record, and every record that reader does not take (whatever would fail), goes
 * through the generic deserializer, so what is dead-lettered, and why, is what it always was.
 */
final class RunDecoder implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RunDecoder.class);
    /** The {@code stage} of our dead letters. */
    static final String STAGE = "aggregation";

    private final Deserializer<BenchmarkRun> runs;
    /** This task's reader of the runs: the records of the aggregation's own schema read straight from their bytes. */
    private RunRecordReader reader;
    private ProcessorContext<String, SpecificRecord> context;

    RunDecoder(Deserializer<BenchmarkRun> runs) {
        this.runs = runs;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.reader = new RunRecordReader(runs);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        BenchmarkRun run;
        try {
            run = reader.read(metadata.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, metadata, e);
            return;
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            deadLetter(record, metadata, e);
            return;
        }
        if (run != null) {
            context.forward(new Record<String, SpecificRecord>(record.key(), run, record.timestamp()),
                    AggregationTopology.AGGREGATOR);
        }
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata metadata, RuntimeException error) {
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>(metadata.topic(), metadata.partition(),
                metadata.offset(), null, record.value());
        DeadLetter letter = DeadLetters.ofRecord(STAGE, raw, error);
        LOG.warn("dead-lettering {}: {}", letter.getSource(), error.getMessage());
        context.forward(new Record<String, SpecificRecord>(letter.getSource(), letter, record.timestamp()),
                AggregationTopology.DEAD_LETTERS_SINK);
    }
}
