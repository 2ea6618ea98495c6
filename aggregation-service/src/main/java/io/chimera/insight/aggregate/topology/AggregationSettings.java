package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.ColdStartRule;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the aggregation's outputs.
 *
 * @param debounce                 a model is analysed once it has had no new record for this long; while
 *                                 it keeps changing, its model-metrics is refreshed at most this often
 * @param maxDelay                 ... or once its oldest unanalysed change is this old, whichever comes first
 * @param punctuateInterval        how often (wall clock) pending models are checked and model-metrics
 *                                 of changed models emitted; bounds the lateness of a request and of the
 *                                 first model-metrics update after a change
 * @param replacementSweepInterval how often held file versions are checked against the file catalog,
 *                                 to drop a model's runs from a file whose new version no longer has
 *                                 that model
 * @param coldStart                which runs count as cold (paid a model load) in the model-metrics
 * @param changes                  how performance changes are detected: the detector and the history it reads
 * @param tickBudget               how long one punctuation may spend emitting before it leaves the models it
 *                                 has not reached to the next one, which starts with them ({@link AnalysisTrigger})
 * @param clockPerRecord           zero (the product's): the emissions follow the wall clock; else the clock they
 *                                 follow is paced by the records, each record a task processes advancing its
 *                                 clock by this much ({@link PacedClock}), so that two runs over the same records
 *                                 emit at the same records however long each takes (the bench's detection-cost
 *                                 pair; docs/benchmarks.md)
 * @param streamThreads            the service's Kafka Streams stream threads ({@code num.stream.threads}), at least 1
 *                                 ({@link #DEFAULT_STREAM_THREADS} unless asked): the tasks (one per partition of
 *                                 {@code benchmark-runs}) are shared among them, each thread with its own
 *                                 exactly-once producer and transactions, so one thread may process while another's
 *                                 commit waits for the broker (docs/architecture.md, "Aggregation", stream threads)
 */
public record AggregationSettings(Duration debounce, Duration maxDelay, Duration punctuateInterval,
                                  Duration replacementSweepInterval, ColdStartRule coldStart, ChangeDetection changes,
                                  Duration tickBudget, Duration clockPerRecord, int streamThreads) {

    public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_REPLACEMENT_SWEEP_INTERVAL = Duration.ofSeconds(5);
    /**
     * A tenth of the 10 s transaction timeout Kafka Streams gives its producer under exactly-once: a
     * punctuation's output joins the open transaction, so one that emits model after model for longer
     * than that gets the transaction aborted and the task fenced, and its work is lost and redone.
     */
    public static final Duration DEFAULT_TICK_BUDGET = Duration.ofSeconds(1);

    /**
     * One stream thread, Kafka Streams' own default: two were measured on the bench's 2 cores and did not raise
     * the aggregation's ratio to the minimal aggregate nor detection's on ÷ off (docs/benchmarks.md, "Two
     * stream threads").
     */
    public static final int DEFAULT_STREAM_THREADS = 1;

    public AggregationSettings {
        requirePositive(debounce, "debounce");
        requirePositive(maxDelay, "maxDelay");
        requirePositive(punctuateInterval, "punctuateInterval");
        requirePositive(replacementSweepInterval, "replacementSweepInterval");
        Objects.requireNonNull(coldStart, "coldStart");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(tickBudget, "tickBudget");
        if (tickBudget.isNegative()) {
            throw new IllegalArgumentException("tickBudget must not be negative, was " + tickBudget);
        }
        Objects.requireNonNull(clockPerRecord, "clockPerRecord");
        if (clockPerRecord.isNegative()) {
            throw new IllegalArgumentException("clockPerRecord must not be negative, was " + clockPerRecord);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1, was " + streamThreads);
        }
        if (maxDelay.compareTo(debounce) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be shorter than debounce (" + debounce + ")");
        }
    }

    /** Emissions on the wall clock, one stream thread. */
    public AggregationSettings(Duration debounce, Duration maxDelay, Duration punctuateInterval,
                               Duration replacementSweepInterval, ColdStartRule coldStart, ChangeDetection changes,
                               Duration tickBudget) {
        this(debounce, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, changes, tickBudget,
                Duration.ZERO, DEFAULT_STREAM_THREADS);
    }

    /**
     * Debounce 2 s, max-delay 30 s, punctuation every 200 ms, sweep every 5 s, the default cold-start
     * rule, the default change detection, a tick budget of 1 s.
     */
    public static AggregationSettings defaults() {
        return new AggregationSettings(DEFAULT_DEBOUNCE, DEFAULT_MAX_DELAY, DEFAULT_PUNCTUATE_INTERVAL,
                DEFAULT_REPLACEMENT_SWEEP_INTERVAL, ColdStartRule.defaults(), ChangeDetection.defaults(),
                DEFAULT_TICK_BUDGET);
    }

    public AggregationSettings withDebounce(Duration value) {
        return new AggregationSettings(value, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, changes, tickBudget, clockPerRecord, streamThreads);
    }

    public AggregationSettings withMaxDelay(Duration value) {
        return new AggregationSettings(debounce, value, punctuateInterval, replacementSweepInterval, coldStart, changes, tickBudget, clockPerRecord, streamThreads);
    }

    public AggregationSettings withPunctuateInterval(Duration value) {
        return new AggregationSettings(debounce, maxDelay, value, replacementSweepInterval, coldStart, changes, tickBudget, clockPerRecord, streamThreads);
    }

    public AggregationSettings withReplacementSweepInterval(Duration value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, value, coldStart, changes, tickBudget, clockPerRecord, streamThreads);
    }

    public AggregationSettings withColdStart(ColdStartRule value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, replacementSweepInterval, value, changes, tickBudget, clockPerRecord, streamThreads);
    }

    public AggregationSettings withChanges(ChangeDetection value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, value, tickBudget, clockPerRecord, streamThreads);
    }

    /** A budget of zero emits one model per punctuation (tests use it to see the turns). */
    public AggregationSettings withTickBudget(Duration value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, changes,
                value, clockPerRecord, streamThreads);
    }

    /** Emissions paced by the records, {@code value} of clock per record (see {@link #clockPerRecord}). */
    public AggregationSettings withClockPerRecord(Duration value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, changes,
                tickBudget, value, streamThreads);
    }

    /** The same settings with {@code value} stream threads (at least 1). */
    public AggregationSettings withStreamThreads(int value) {
        return new AggregationSettings(debounce, maxDelay, punctuateInterval, replacementSweepInterval, coldStart, changes,
                tickBudget, clockPerRecord, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
