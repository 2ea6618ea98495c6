package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.kafka.read.TopicReadException;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which failures retrying cannot fix: the one rule every service loop applies before it retries.
 *
 * <p><b>Permanent</b>: the records themselves are refused, so the same records fail the same way
 * every time: {@link RecordTooLargeException} (over {@code max.request.size} or the topic's
 * {@code max.message.bytes}), {@link RecordBatchTooLargeException}, {@link InvalidRecordException}
 * (a record the broker will not store), {@link InvalidTopicException} (a name no topic can have) and
 * {@link SerializationException} (a value that cannot be encoded). Their work is dead-lettered at
 * the first failure.
 *
 * <p><b>Transient</b>: everything else, in particular every {@link RetriableException} (timeouts,
 * a missing topic's metadata, a leader moving, a broker disconnected) and any failure caused by an
 * {@link IOException} (a schema registry that cannot be reached: the serializer wraps it in a
 * {@link SerializationException}, yet waiting fixes it). Unknown server errors and authorisation
 * errors count as transient too: the cluster or its configuration is at fault, not the record, and
 * an operator can fix it; they are retried a bounded number of times like the rest. (A fenced,
 * out-of-sequence or unauthorised transactional producer is fatal to its producer, and callers
 * handle it before asking here.)
 */
public final class KafkaFailures {

    private static final List<Class<? extends Throwable>> PERMANENT = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, InvalidTopicException.class,
            SerializationException.class);
    /** Causes followed at most: a chain is short, this only guards against a cycle. */
    private static final int MAX_DEPTH = 16;

    private KafkaFailures() {
    }

    /**
     * Whether retrying cannot fix {@code error}: some throwable in its chain of causes is of a
     * permanent kind and none says the cluster or the registry could not be reached.
     */
    public static boolean isPermanent(Throwable error) {
        return firstCause(error, cause -> cause instanceof RetriableException || cause instanceof IOException) == null
                && firstCause(error, cause -> PERMANENT.stream().anyMatch(kind -> kind.isInstance(cause))) != null;
    }

    /**
     * Whether {@code error} says something a record's handling depends on could not serve it: the
     * schema registry ({@link #isRegistryUnavailable}), a topic the handler reads whole could not be
     * read to its end ({@link TopicReadException}, e.g. {@code config-metrics} for a model's
     * configurations), or the cluster gave a retriable error to a call the handler made (a
     * {@link RetriableException}: a timeout, a leader moving, a broker disconnected, as while a
     * broker is restarted). Nobody's record's fault: a loop waits with backoff and reads the same
     * records again instead of dead-lettering them.
     *
     * <p>The last kind was found in the container tier: while the active controller was restarted,
     * the analysis loop dead-lettered a request because a consumer's {@code position()} of a
     * {@code config-metrics} partition timed out, although the request was fine.
     */
    public static boolean isDependencyUnavailable(Throwable error) {
        return firstCause(error, cause -> cause instanceof TopicReadException || cause instanceof RetriableException) != null
                || isRegistryUnavailable(error);
    }

    /**
     * Whether {@code error} says the schema registry could not serve a call: unreachable (no HTTP
     * status), or answering 408, 429 or 5xx. Such a failure is nobody's record's fault, and encoding a
     * dead letter for it would need the registry too: a loop waits with backoff and reads the same
     * records again, never dead-letters them (a registry restart would otherwise lose good records).
     * A 404 (an unknown schema id) or another 4xx is an answer about the record, not an outage.
     */
    public static boolean isRegistryUnavailable(Throwable error) {
        if (firstCause(error, cause -> cause instanceof SchemaRegistryException) instanceof SchemaRegistryException registry) {
            int status = registry.httpStatus();
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
        return false;
    }

    /** The first throwable in {@code error}'s chain of causes (itself first) that {@code matches}; null when none does. */
    private static Throwable firstCause(Throwable error, Predicate<Throwable> matches) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (matches.test(current)) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }
}
