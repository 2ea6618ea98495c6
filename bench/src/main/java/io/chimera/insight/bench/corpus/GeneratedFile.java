package io.chimera.insight.bench.corpus;

import java.nio.file.Path;

/**
 * One file the generator wrote, with what a correct ingest must find in it.
 *
 * @param path       where it is
 * @param shape      which real rig output it imitates
 * @param model      the model its runs belong to
 * @param runs       RUN records in it (failed ones included); summaries are not runs
 * @param failedRuns runs that carry an error
 */
public record GeneratedFile(Path path, FileShape shape, String model, int runs, int failedRuns) {

    /** Whether ingest must reject it (or find nothing in it) and say why in a dead letter. */
    public boolean bad() {
        return shape.bad();
    }
}
