package io.chimera.insight.ingest.publish;

import io.chimera.insight.ingest.IngestedFile;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An ingested file with its records already encoded, all but its file event (which names the
 * version it replaces, known only when its transaction is formed). Encoding is most of what
 * publishing costs on the client; {@link TransactionalFilePublisher#prepare} does it on the thread
 * that read the file, in parallel with other files, instead of on the publishing thread.
 */
public final class PreparedFile {

    private final IngestedFile file;
    private final List<ProducerRecord<byte[], byte[]>> records;
    private final List<String> deadLetterStages;
    private final PublishException failure;

    private PreparedFile(IngestedFile file, List<ProducerRecord<byte[], byte[]>> records,
                         List<String> deadLetterStages, PublishException failure) {
        this.file = file;
        this.records = records;
        this.deadLetterStages = deadLetterStages;
        this.failure = failure;
    }

    static PreparedFile encoded(IngestedFile file, List<ProducerRecord<byte[], byte[]>> records,
                                List<String> deadLetterStages) {
        return new PreparedFile(file, List.copyOf(records), List.copyOf(deadLetterStages), null);
    }

    /** Its records could not be encoded (the registry unreachable, say): it will fail to publish. */
    static PreparedFile failed(IngestedFile file, PublishException failure) {
        return new PreparedFile(file, List.of(), List.of(), failure);
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

    List<String> deadLetterStages() {
        return deadLetterStages;
    }

    Optional<PublishException> failure() {
        return Optional.ofNullable(failure);
    }
}
