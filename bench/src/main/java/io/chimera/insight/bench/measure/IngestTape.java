package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.kafka.RecordTape;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records, once, the exact records ingest publishes for a corpus — per file its
 * {@code BenchmarkFile}, its runs and summaries, its dead letters and its ingest-state entry,
 * encoded through the registry — so the raw producer can send the same records, of the same
 * sizes and compressibility, to the same broker.
 */
public final class IngestTape {

    /**
     * What was recorded.
     *
     * @param records      every record
     * @param bytes        their key and value bytes
     * @param runRecords   records bound for benchmark-runs (runs and summaries): the aggregation's input
     * @param elapsed      time spent reading, parsing, normalising and encoding (no Kafka)
     */
    public record Summary(long records, long bytes, long runRecords, Duration elapsed) {
    }

    private IngestTape() {
    }

    public static Summary record(List<ScannedFile> files, FileIngestor ingestor, TopicNames names, EventSerdes serdes,
                                 RecordTape tape, IntConsumer onFile) throws IOException {
        long runRecords = 0;
        long start = System.nanoTime();
        try (RecordTape.Recorder recorder = tape.record()) {
            int done = 0;
            for (ScannedFile scanned : files) {
                IngestedFile ingested = ingestor.ingest(scanned.root(), scanned.file());
                for (ProducerRecord<byte[], byte[]> record : outboxOf(ingested, names, serdes).records()) {
                    recorder.append(record);
                }
                runRecords += ingested.runs().size();
                onFile.accept(++done);
            }
            return new Summary(recorder.records(), recorder.bytes(), runRecords,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The records of one file's transaction, in the publisher's order. */
    private static Outbox outboxOf(IngestedFile file, TopicNames names, EventSerdes serdes) {
        Outbox outbox = new Outbox(names, serdes);
        BenchmarkFile event = file.file();
        outbox.send(Topics.BENCHMARK_FILES, event.getFileId(), event);
        for (BenchmarkRun run : file.runs()) {
            outbox.send(Topics.BENCHMARK_RUNS, run.getModel(), run);
        }
        for (DeadLetter deadLetter : file.deadLetters()) {
            outbox.send(Topics.DEAD_LETTERS, deadLetter.getSource(), deadLetter);
        }
        outbox.send(Topics.INGEST_STATE, file.path(), file.sha256());
        return outbox;
    }
}
