package io.chimera.insight.platform.kafka;

import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records a handler wants to publish, serialised at once so that an encoding error surfaces in the
 * handler (and becomes a dead letter) rather than inside the transaction.
 */
public final class Outbox {

    private final TopicNames names;
    private final EventSerdes serdes;
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final List<String> deadLetterStages = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public Outbox(TopicNames names, EventSerdes serdes) {
        this.names = names;
        this.serdes = serdes;
    }

    /** Queues {@code value} under {@code key} on {@code topic}. */
    public <V> void send(Topic<V> topic, String key, V value) {
        String name = names.of(topic);
        byte[] keyBytes = serdes.key().serializer().serialize(name, key);
        byte[] valueBytes = serdes.value(topic).serializer().serialize(name, value);
        records.add(new ProducerRecord<>(name, keyBytes, valueBytes));
        if (value instanceof DeadLetter letter) {
            deadLetterStages.add(letter.getStage());
        }
    }

    /** Runs {@code action} once what is queued here has been committed, and never if it is not (metrics). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** The stage of each dead letter queued, for the dead-letter counter. */
    public List<String> deadLetterStages() {
        return List.copyOf(deadLetterStages);
    }

    /** Called by the committer once the transaction holding these records committed: runs the after-commit actions. */
    public void committed() {
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        actions.forEach(Runnable::run);
    }

    /** Everything queued so far, in order. */
    public List<ProducerRecord<byte[], byte[]>> records() {
        return List.copyOf(records);
    }

    /** Moves everything queued here to {@code target}. */
    public void drainTo(Outbox target) {
        target.records.addAll(records);
        target.deadLetterStages.addAll(deadLetterStages);
        target.afterCommit.addAll(afterCommit);
        records.clear();
        deadLetterStages.clear();
        afterCommit.clear();
    }

    /** Forgets what was queued (a handler failed half-way: none of its output may leak). */
    public void clear() {
        records.clear();
        deadLetterStages.clear();
        afterCommit.clear();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
