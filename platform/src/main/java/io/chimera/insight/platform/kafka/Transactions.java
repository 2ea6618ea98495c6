package io.chimera.insight.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * One Kafka transaction of ours, as ingest's publisher and the consume-transform-produce loops send
 * it: begin, send every record, add the consumed offsets, commit. The one place that knows how to
 * tell why a transaction failed (the refused send, not the commit's "error state").
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Sends {@code records}, and {@code offsets} for {@code group} when there are any, in one
     * transaction. Empty when it committed; otherwise the reason, with the transaction still to be
     * aborted by the caller (who decides what a failed abort means). A fenced, out-of-sequence or
     * unauthorised producer is thrown: that producer can do nothing more.
     */
    public static Optional<Throwable> commit(Producer<byte[], byte[]> producer,
                                             List<ProducerRecord<byte[], byte[]>> records,
                                             Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata group) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
            return Optional.empty();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            // looked up before the abort fails every pending send alike
            return Optional.of(firstSendFailure(sent).orElse(e));
        }
    }

    /**
     * The error of the first send that failed among {@code sent}: when the cluster refuses a record
     * (too large, say), its send fails with the reason and the commit only says the producer is
     * "in an error state". Look it up before aborting, which fails every pending send alike.
     */
    private static Optional<Throwable> firstSendFailure(List<Future<RecordMetadata>> sent) {
        for (Future<RecordMetadata> send : sent) {
            if (send.isDone()) {
                try {
                    send.get();
                } catch (ExecutionException e) {
                    return Optional.of(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Optional.empty();
    }
}
