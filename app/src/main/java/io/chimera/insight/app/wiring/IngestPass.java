package io.chimera.insight.app.wiring;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Reads and publishes a list of files once, one transaction per file, and counts what went out:
 * what {@code chimera run} and {@code chimera publish} report back to the user.
 */
public final class IngestPass {

    /** What one pass published. {@code runsByModel} counts runs (failed included), not summaries. */
    public record Tally(int files, int published, int skipped, int runs, int failedRuns, int summaries,
                        int deadLetters, Map<String, Long> runsByModel) {
    }

    private final FileIngestor ingestor;
    private final TransactionalFilePublisher publisher;

    public IngestPass(FileIngestor ingestor, TransactionalFilePublisher publisher) {
        this.ingestor = ingestor;
        this.publisher = publisher;
    }

    /** Publishes every file; {@code onFile} hears how many are done after each one. */
    public Tally publishAll(List<ScannedFile> files, IntConsumer onFile) {
        int published = 0;
        int skipped = 0;
        int runs = 0;
        int failed = 0;
        int summaries = 0;
        int deadLetters = 0;
        Map<String, Long> runsByModel = new TreeMap<>();
        int done = 0;
        for (ScannedFile scanned : files) {
            IngestedFile ingested = ingestor.ingest(scanned.root(), scanned.file());
            PublishOutcome outcome = publisher.publish(ingested);
            if (outcome.published()) {
                published++;
                deadLetters += outcome.deadLetters();
                summaries += outcome.summaries();
                for (BenchmarkRun run : ingested.runs()) {
                    if (run.getKind() == RecordKind.RUN) {
                        runs++;
                        failed += run.getOk() ? 0 : 1;
                        runsByModel.merge(run.getModel(), 1L, Long::sum);
                    }
                }
            } else {
                skipped++;
            }
            onFile.accept(++done);
        }
        return new Tally(files.size(), published, skipped, runs, failed, summaries, deadLetters, runsByModel);
    }
}
