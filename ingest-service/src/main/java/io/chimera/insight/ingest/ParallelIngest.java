package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.PreparedFile;
import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads files on several threads and publishes them in few transactions, in the order given.
 * The readers also encode each file's records ({@link TransactionalFilePublisher#prepare}), so the
 * publishing thread only forms transactions and commits.
 *
 * <p>Why: publishing one file per transaction spent ~5 ms per file waiting for the commit, ten times
 * what reading the file costs, and reading on the publishing thread left the producer idle meanwhile.
 * Here the reader threads work ahead of the publisher (bounded by files and bytes in flight), and
 * each transaction takes every file read by then, up to {@link IngestTuning}'s limits: under load
 * transactions grow and commits stop mattering; when files trickle in, each still goes out at once
 * in a transaction of its own. Every file stays atomic (see {@link TransactionalFilePublisher}).
 *
 * <p>Memory per file is bounded: a reader holds at most {@link IngestTuning#windowBytes} of a file's
 * encoded records; a file with more is read again by the publishing thread, which streams it into a
 * transaction of its own ({@link TransactionalFilePublisher#publishStreamed}), in its place in the order.
 *
 * <p>Not thread-safe: one caller at a time (the watcher's thread, or a command's).
 */
public final class ParallelIngest implements AutoCloseable {

    /** What became of one file. */
    public record Result(ScannedFile source, Publication publication) {
    }

    private final FileIngestor ingestor;
    private final TransactionalFilePublisher publisher;
    private final IngestTuning tuning;
    private final ExecutorService readers;

    public ParallelIngest(FileIngestor ingestor, TransactionalFilePublisher publisher, IngestTuning tuning) {
        this.ingestor = ingestor;
        this.publisher = publisher;
        this.tuning = tuning;
        this.readers = Executors.newFixedThreadPool(tuning.readers(), DaemonThreads.named("chimera-ingest-reader"));
    }

    /**
     * Reads and publishes {@code files}; a file whose transaction fails is reported, and the others
     * go on.
     *
     * @param onResult hears each file once its transaction committed or failed, in the order given,
     *                 on the calling thread
     * @throws IllegalStateException when the publisher was fenced by a newer instance: the files not
     *                               reported yet were not published
     * @throws InterruptedException  when interrupted while waiting for a reader: the files not
     *                               reported yet were not published
     */
    public void ingestAll(List<ScannedFile> files, Consumer<Result> onResult) throws InterruptedException {
        ReadAhead ahead = new ReadAhead(files);
        try {
            while (ahead.hasMore()) {
                ahead.fill();
                List<InFlight> batch = ahead.takeBatch();
                if (batch.get(0).prepared().needsStreaming()) { // alone, in a transaction of its own
                    ScannedFile source = batch.get(0).source();
                    onResult.accept(new Result(source, publisher.publishStreamed(sink -> read(source, sink))));
                    continue;
                }
                List<PreparedFile> prepared = new ArrayList<>(batch.size());
                for (InFlight file : batch) {
                    prepared.add(file.prepared());
                }
                List<Publication> publications = publisher.publishPrepared(prepared);
                for (int i = 0; i < batch.size(); i++) {
                    onResult.accept(new Result(batch.get(i).source(), publications.get(i)));
                }
            }
        } finally {
            ahead.cancelRest();
        }
    }

    /** The files handed to the readers and not yet published, oldest first. */
    private final class ReadAhead {
        private final List<ScannedFile> files;
        private final Deque<InFlight> window = new ArrayDeque<>();
        private final int maxWindow = Math.max(2 * tuning.maxFilesPerTransaction(), 4 * tuning.readers());
        private int next;
        private long bytesInFlight;

        ReadAhead(List<ScannedFile> files) {
            this.files = files;
        }

        boolean hasMore() {
            return next < files.size() || !window.isEmpty();
        }

        /** Hands files to the readers while the window has room; always at least one file in flight. */
        void fill() {
            while (next < files.size() && window.size() < maxWindow) {
                ScannedFile file = files.get(next);
                long size = sizeOf(file);
                if (!window.isEmpty() && bytesInFlight + size > tuning.maxBytesInFlight()) {
                    return;
                }
                next++;
                bytesInFlight += size;
                window.add(new InFlight(file, size, readers.submit(() -> read(file))));
            }
        }

        /** The oldest file (waiting for it if need be), then every file after it already read, within the limits. */
        List<InFlight> takeBatch() throws InterruptedException {
            List<InFlight> batch = new ArrayList<>();
            InFlight first = take();
            batch.add(first);
            if (first.prepared().needsStreaming()) {
                return batch;
            }
            int records = first.records();
            while (!window.isEmpty() && window.peek().isRead() && !window.peek().prepared().needsStreaming()
                    && batch.size() < tuning.maxFilesPerTransaction()) {
                int more = window.peek().records();
                if (records + more > tuning.maxRecordsPerTransaction()) {
                    break;
                }
                records += more;
                batch.add(take());
            }
            return batch;
        }

        private InFlight take() throws InterruptedException {
            InFlight file = window.peek();
            file.prepared();
            window.poll();
            bytesInFlight -= file.size();
            return file;
        }

        void cancelRest() {
            window.forEach(InFlight::cancel);
            window.clear();
        }
    }

    /** A file handed to a reader. */
    private static final class InFlight {
        private final ScannedFile source;
        private final long size;
        private final Future<PreparedFile> future;
        private PreparedFile prepared;

        InFlight(ScannedFile source, long size, Future<PreparedFile> future) {
            this.source = source;
            this.size = size;
            this.future = future;
        }

        ScannedFile source() {
            return source;
        }

        long size() {
            return size;
        }

        boolean isRead() {
            return future.isDone();
        }

        /** Waits for the reader, then returns what it made of the file. */
        PreparedFile prepared() throws InterruptedException {
            if (prepared == null) {
                try {
                    prepared = future.get();
                } catch (ExecutionException e) {
                    // FileIngestor turns every failure into a rejected file; only an Error gets here.
                    throw new IllegalStateException("reading " + source.file() + " failed: " + e.getCause(),
                            e.getCause());
                }
            }
            return prepared;
        }

        /** The records the file adds to a transaction. */
        int records() throws InterruptedException {
            return prepared().recordCount();
        }

        void cancel() {
            future.cancel(true);
        }
    }

    /**
     * On a reader thread: read, parse, normalise, and encode all that can be encoded ahead of the
     * transaction, within the window; a file that does not fit is left to the publishing thread.
     */
    private PreparedFile read(ScannedFile file) {
        return publisher.prepareWithin(tuning.windowBytes(), sink -> read(file, sink));
    }

    /** Reads {@code file} into {@code sink}; a version already published is not parsed. */
    private IngestedFile read(ScannedFile file, IngestSink sink) {
        String path = RelativePath.of(file.root(), file.file());
        return ingestor.ingest(file.root(), file.file(), sink, sha -> publisher.isPublished(path, sha));
    }

    /** The file's size on disk, to bound what is read ahead; 0 when it cannot be read (the reader will say why). */
    private static long sizeOf(ScannedFile file) {
        try {
            return Files.size(file.file());
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
