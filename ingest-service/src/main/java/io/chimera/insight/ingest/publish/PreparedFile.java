package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.IngestedFile;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An ingested file with its records already encoded, all but its file event (which names the
 * version it replaces, known only when its transaction is formed). Encoding is most of what
 * publishing costs on the client; {@link TransactionalFilePublisher#prepare} does it on the thread
 * that read the file, in parallel with other files, instead of on the publishing thread.
 *
 * <p>A file whose records do not fit the window is not held: it is {@linkplain #needsStreaming marked}
 * to be read again and streamed into a transaction of its own by
 * {@link TransactionalFilePublisher#publishStreamed}.
 */
public final class PreparedFile {

    private final IngestedFile file;
    private final List<ProducerRecord<byte[], byte[]>> records;
    private final List<DeadLetter> deadLettersToLog;
    private final PublishException failure;

    private PreparedFile(IngestedFile file, List<ProducerRecord<byte[], byte[]>> records,
                         List<DeadLetter> deadLettersToLog, PublishException failure) {
        this.file = file;
        this.records = records;
        this.deadLettersToLog = deadLettersToLog;
        this.failure = failure;
    }

    static PreparedFile encoded(IngestedFile file, List<ProducerRecord<byte[], byte[]>> records,
                                List<DeadLetter> deadLettersToLog) {
        return new PreparedFile(file, List.copyOf(records), List.copyOf(deadLettersToLog), null);
    }

    /** Its records could not be encoded (the registry unreachable, say): it will fail to publish. */
    static PreparedFile failed(IngestedFile file, PublishException failure) {
        return new PreparedFile(file, List.of(), List.of(), failure);
    }

    /** Its records are more than the window holds: to be streamed by the publishing thread. */
    static PreparedFile tooLargeForWindow() {
        return new PreparedFile(null, List.of(), List.of(), null);
    }

    /** Whether the file is to be read again and streamed in a transaction of its own ({@link #file} is null then). */
    public boolean needsStreaming() {
        return file == null;
    }

    public IngestedFile file() {
        return file;
    }

    /** Records it adds to a transaction: these and its file event. */
    public int recordCount() {
        return records.size() + 1;
    }

    /** Runs, summaries and dead letters, then the ingest-state entry, in that order. */
    List<ProducerRecord<byte[], byte[]>> records() {
        return records;
    }

    /** The dead letters to log once committed (the first {@link DeadLetterLog#MAX_LOGGED}). */
    List<DeadLetter> deadLettersToLog() {
        return deadLettersToLog;
    }

    Optional<PublishException> failure() {
        return Optional.ofNullable(failure);
    }
}
