package io.chimera.insight.app.wiring;

import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.ParallelIngest;
import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Reads and publishes a list of files once ({@link ParallelIngest}: several readers, shared
 * transactions, each file atomic) and counts what went out: what {@code chimera run} and
 * {@code chimera publish} report back to the user.
 */
public final class IngestPass {

    /**
     * What one pass published. {@code runsByModel} counts runs (failed included), not summaries;
     * {@code failures} names each file that could not be published, and why.
     */
    public record Tally(int files, int published, int skipped, int runs, int failedRuns, int summaries,
                        int deadLetters, Map<String, Long> runsByModel, List<String> failures) {

        public Tally {
            runsByModel = Collections.unmodifiableMap(new TreeMap<>(runsByModel));
            failures = List.copyOf(failures);
        }
    }

    private final FileIngestor ingestor;
    private final TransactionalFilePublisher publisher;
    private final IngestTuning tuning;

    public IngestPass(FileIngestor ingestor, TransactionalFilePublisher publisher) {
        this(ingestor, publisher, IngestTuning.defaults());
    }

    public IngestPass(FileIngestor ingestor, TransactionalFilePublisher publisher, IngestTuning tuning) {
        this.ingestor = ingestor;
        this.publisher = publisher;
        this.tuning = tuning;
    }

    /**
     * Publishes every file; a file that cannot be published is counted in the tally's failures and
     * the others go on.
     *
     * @param onFile hears how many files are done after each one
     */
    public Tally publishAll(List<ScannedFile> files, IntConsumer onFile) {
        Counter counter = new Counter();
        try (ParallelIngest ingest = new ParallelIngest(ingestor, publisher, tuning)) {
            ingest.ingestAll(files, result -> {
                counter.add(result.publication());
                onFile.accept(counter.done);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after " + counter.done + " of " + files.size() + " files", e);
        }
        return counter.tally(files.size());
    }

    /** Adds up publications as they come. */
    private static final class Counter {
        private int done;
        private int published;
        private int skipped;
        private int runs;
        private int failedRuns;
        private int summaries;
        private int deadLetters;
        private final Map<String, Long> runsByModel = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();

        void add(Publication publication) {
            done++;
            if (publication instanceof Publication.Failed failed) {
                failures.add(failed.file().path() + ": " + failed.error().getMessage());
                return;
            }
            PublishOutcome outcome = ((Publication.Done) publication).outcome();
            if (!outcome.published()) {
                skipped++;
                return;
            }
            published++;
            deadLetters += outcome.deadLetters();
            summaries += outcome.summaries();
            runs += publication.file().file().getRunCount();
            failedRuns += publication.file().file().getFailedRunCount();
            publication.file().counts().runsByModel().forEach((model, n) -> runsByModel.merge(model, n, Long::sum));
        }

        Tally tally(int files) {
            return new Tally(files, published, skipped, runs, failedRuns, summaries, deadLetters, runsByModel,
                    failures);
        }
    }
}
