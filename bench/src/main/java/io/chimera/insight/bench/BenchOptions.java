package io.chimera.insight.bench;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.scaling.ScalingPlan;
import io.chimera.insight.ingest.IngestTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one bench run measures, and how.
 *
 * @param files          files in the generated corpus
 * @param models         models the corpus is about
 * @param workers        most simulated GPU workers for the parallel-efficiency measure (1, 2, 4, ... up to it)
 * @param burstFiles     files of the one-model burst
 * @param lagSamples     files dropped one by one for the lag measure
 * @param lagDebounce    the aggregation's debounce during the lag measure
 * @param settle         the folder watcher's settle interval during the lag measure
 * @param latencySamples requests of the analysis-latency measure
 * @param callTime       time one simulated call takes in the parallel-efficiency measure
 * @param poolRequests   analyses per parallel-efficiency batch
 * @param punctuate      the aggregation's punctuation interval (model-metrics and request emission)
 * @param partitions     partitions of every topic
 * @param seed           corpus seed
 * @param ingest         how ingest reads and batches files
 * @param throughputOnly measure the corpus, raw limits, ingest and aggregation only
 * @param analysisOnly   measure the analysis service's latency and parallel efficiency only (with the
 *                       corpus ingested and aggregated once, unmeasured, and its reports)
 * @param resultsDir     where the results file goes
 * @param workDir        where the corpus and state go; empty: a temporary folder, deleted afterwards
 * @param command        the command line as typed, for the results file
 * @param scaling        measure the costs per run as the work grows instead ({@code --scaling}); null: not
 */
public record BenchOptions(int files, int models, int workers, int burstFiles, int lagSamples, Duration lagDebounce,
                           Duration settle, int latencySamples, Duration callTime, int poolRequests,
                           Duration punctuate, int partitions, long seed, IngestTuning ingest, boolean throughputOnly,
                           boolean analysisOnly, Path resultsDir, Optional<Path> workDir, String command,
                           ScalingPlan scaling) {

    /** The product's aggregation defaults with this run's punctuation interval. */
    public AggregationSettings aggregation() {
        return AggregationSettings.defaults().withPunctuateInterval(punctuate);
    }

    /** The worker counts measured: powers of two below {@code workers}, and {@code workers} itself. */
    public List<Integer> workerCounts() {
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
        for (int k = 1; k < workers; k *= 2) {
            counts.add(k);
        }
        counts.add(workers);
        return List.copyOf(counts);
    }
}
