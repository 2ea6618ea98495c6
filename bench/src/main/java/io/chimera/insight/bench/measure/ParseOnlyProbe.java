package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.kafka.Throughput;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.publish.PreparedFile;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What ingest's readers do, without Kafka: every file read, parsed, normalised and its records
 * encoded through the registry serdes by the very code ingest's readers run
 * ({@link TransactionalFilePublisher#prepareWithin}, with {@link FileIngestor}), plus the file
 * event the publishing thread encodes, on one thread per core. Nothing is sent: the publisher is
 * never started, so it has no producer. Half of ingest's shared-CPU limit (the raw producer is the
 * other).
 */
public final class ParseOnlyProbe {

    private ParseOnlyProbe() {
    }

    /**
     * Reads and encodes every file on {@code threads} threads.
     *
     * @param publisher an ingest publisher on the pipeline's topics, not started (it only encodes)
     * @return the records encoded (their bytes are not counted: 0), the time and the process's CPU time it took
     */
    public static Throughput run(List<ScannedFile> files, FileIngestor ingestor, TransactionalFilePublisher publisher,
                                 KafkaContext kafka, int threads) throws InterruptedException {
        ExecutorService readers = Executors.newFixedThreadPool(threads, DaemonThreads.named("bench-parse-only"));
        long start = System.nanoTime();
        long cpuStart = CpuClock.processNanos();
        try (ThreadCpu cpu = ThreadCpu.start()) {
            List<Future<Integer>> encoded = new ArrayList<>(files.size());
            for (ScannedFile file : files) {
                encoded.add(readers.submit(() -> encode(file, ingestor, publisher, kafka)));
            }
            long records = 0;
            for (Future<Integer> file : encoded) {
                records += file.get();
            }
            return new Throughput(records, 0, Duration.ofNanos(System.nanoTime() - start),
                    CpuClock.since(cpuStart), cpu.stop());
        } catch (ExecutionException e) {
            throw new IllegalStateException("parse-only: reading a file failed: " + e.getCause(), e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /**
     * One file, as a reader prepares it (no window: every file is held, as the limit's work is the
     * same either way), then its file event; returns its records (a file whose records could not be
     * encoded counts only its file event, so the caller's total would fall short of ingest's).
     */
    private static int encode(ScannedFile file, FileIngestor ingestor, TransactionalFilePublisher publisher,
                              KafkaContext kafka) {
        PreparedFile prepared = publisher.prepareWithin(Long.MAX_VALUE,
                sink -> ingestor.ingest(file.root(), file.file(), sink, sha -> false));
        if (prepared.needsStreaming()) {
            throw new IllegalStateException(file.file() + " was not read whole");
        }
        Outbox outbox = new Outbox(kafka.names(), kafka.serdes());
        BenchmarkFile event = prepared.file().file();
        outbox.send(Topics.BENCHMARK_FILES, event.getFileId(), event);
        return prepared.recordCount(); // its records and the file event just encoded
    }
}
