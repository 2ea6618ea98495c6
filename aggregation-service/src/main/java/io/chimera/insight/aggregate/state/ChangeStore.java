package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.state.HeldRuns.RunRef;
import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's change-detection state: the run points of each (model, configuration), each holding every
 * headline metric ({@link RunPoint}), a file's points there in chunks of at most
 * {@link PointChunk#CAPACITY} ({@link PointChunk}): a run adds its point to its file's last chunk,
 * and a chunk changed by several runs before a commit is encoded and changelogged once, at the
 * commit (the store is written behind, {@link WriteBehindStore}), so a file's runs cost about one
 * write per chunk and commit instead of one per run, and none rewrites more than a chunk; the
 * configurations each file has points in, in chunks of at most {@link ConfigChunk#CAPACITY} per file
 * (the index that lets a replaced file be dropped without reading the rest of the model's history;
 * written behind, so the configurations a file meets within a commit cost one write, and no entry
 * grows with a sweep file), the first chunk holding the file version's own fields ({@link ChangeFile},
 * which had an entry of their own in {@code change-files} until 2026-12-06: one more changelogged
 * write per file; that store is now only read, for what the earlier code wrote, see {@link #known});
 * each series' {@link SeriesState}
 * (model, configuration, metric: what the detector sees), a configuration's in one entry ({@link ConfigStates}:
 * its first run writes one record for all its metrics; written behind, so an evaluation that changes several
 * of its series writes it once); and the models with configurations whose
 * runs are not yet evaluated.
 *
 * <p>Keys: a chunk is {@link StateKeys#pointChunk} (model, config key, file id, chunk number), so a
 * configuration's points are one prefix scan and a file's in it another (entries of the earlier
 * layout, one point per run under {@link StateKeys#runPoint}, are read too, and rewritten into chunks
 * when their file is next written in that configuration: see {@link #fileChunks}); a file is {@code model NUL fileId}, its index chunks
 * {@link StateKeys#pointChunk} after {@code model NUL fileId NUL} (one prefix scan finds a file's configurations; entries of the
 * earlier index, one per configuration under {@code model NUL fileId NUL configKey}, are read with them and rewritten into
 * chunks: see {@link #readConfigs}); a configuration's series states
 * {@link StateKeys#changeConfig} (entries of the earlier layout, one per series under {@link StateKeys#series}, are
 * read too, and rewritten into the configuration's entry when one of its states is next written: see
 * {@link #writeStates}); a model with configurations due {@link StateKeys#dueModel} (one mark per
 * model, not per configuration: {@link DueConfigs}).
 *
 * <p>Beside the stores it remembers what it wrote and read, so that neither a run nor an evaluation
 * repeats store reads (each decodes through the store's layers; they were most of what detection
 * added to the aggregation, profiled in the bench): the configurations due ({@link DueConfigs}: read
 * once, with the whole {@code change-due} store, so neither a run nor an evaluation reads a mark); the metrics
 * of each configuration with runs since its evaluation that hold a series state ({@code sinceEvaluation}),
 * so a configuration's further runs before its evaluation cost the point's write alone; the chunks of
 * the (configuration, file) pairs written lately ({@code heldChunks}: a run adds to its chunk without
 * reading it, the bound's drops find theirs); the files it
 * met ({@link KnownFiles}: entry and index chunks); the run points of the configurations evaluated
 * lately or met without any point ({@code heldRuns}), so an evaluation does not scan and decode a
 * configuration's whole history again; the series states of the models evaluated lately
 * ({@code heldStates}); and, for a model with more states than those hold, how many it has and which
 * hold a change ({@link WatchedCensus}), so that its changes are built without reading its states. That
 * memory is derived from the stores and must not outlive them: an instance is built in the
 * processor's {@code init}, over the stores as restored (after a restart or a rebalance it starts
 * empty and fills from the stores), only this class writes the change stores, and each write and
 * delete is passed to the memory that mirrors it. Each part but the due marks is bounded, the least
 * recently used going first; what is not held is read from the store, as before.
 *
 * <p>A configuration met by a run while none of its series holds a state holds no point: every
 * point holds a finite value of some metric ({@link #add} refuses one that does not), a point gets
 * its metric's series state when it is written, and a state is deleted only by the evaluation that
 * finds no point with a finite value of its metric ({@link #evaluated(SeriesId, SeriesState, boolean)}).
 * So its points are held from that run on, all of them, without a scan: in a fresh aggregation no
 * evaluation scans the points it wrote itself. A configuration with a state (its points written
 * before the task started, or its group evicted since) is scanned at its next evaluation, as before.
 */
public final class ChangeStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    /** Run points held in memory per stream task ({@code heldRuns}): about 400 bytes each, so about 13 MiB at most. */
    static final int RUN_POINTS_HELD = 32_768;
    /** Series states held in memory per stream task ({@code heldStates}): about 1 KiB each with a few changes. */
    static final int SERIES_STATES_HELD = 8_192;
    /**
     * Points of the chunks held ({@code heldChunks}) per stream task: about 300 bytes each with their bytes as the
     * chunk's record will carry them ({@link PointChunk}), so about 9 MiB at most.
     */
    static final int CHUNKED_POINTS_HELD = 32_768;
    /**
     * Points of one (configuration, file) pair past which only its last chunk is held ({@link #fileChunks}):
     * the pairs of one large file, each past the budget alone, or several together over it, were read whole
     * again at every run (`chimera bench rss`: 142,218 runs of a 4 MB CSV took 92 s to aggregate). Small
     * enough that pairs held whole and evicted cost a run at most a read of this many points.
     */
    static final int FILE_POINTS_HELD_WHOLE = 256;
    /** (configuration, file) pairs whose last chunk's number is kept ({@code tailChunks}): about 100 bytes each. */
    static final int TAILS_HELD = 65_536;
    /**
     * Points a configuration may take since its evaluation before its model is evaluated without waiting for its
     * burst to end ({@link #evaluationOverdue}): an evaluation reads every point of a due configuration since its
     * last trim, so a model fed one large file without a pause held them all at once (`chimera bench rss`, 60 MB:
     * 533,330 points of one configuration, about 300 MB of heap, in one evaluation).
     */
    public static final int POINTS_PER_EVALUATION = 32_768;
    /** Files whose last run's keys are kept ({@code keysByFile}) per stream task: a few hundred bytes each. */
    static final int FILES_KEYED = 256;
    /** Models counted ({@code censuses}) per stream task: a few bytes each, and the states holding a change. */
    static final int MODELS_COUNTED = 1_024;

    /** A stored run point with the ids its key holds. */
    public record StoredRun(String fileId, String runId, RunPoint point) {
    }

    /**
     * A configuration's runs since its evaluation, in memory only (lost with a restart, gone with its
     * evaluation): the points they added, for {@link #evaluationOverdue}, and the metrics (bit {@code i} for
     * {@code RunPoint.METRICS.get(i)}) whose series are known to hold a state in {@code series} (see the
     * class comment). One entry for both, so a run looks its configuration up once (it was twice).
     */
    private static final class SinceEvaluation {
        private int points;
        private int marks;

        private SinceEvaluation(int marks) {
            this.marks = marks;
        }
    }

    private final KeyValueStore<String, PointChunk> runs;
    /** The file entries of the earlier layout: read and deleted as their files are met, never written. */
    private final KeyValueStore<String, ChangeFile> files;
    /**
     * Whether {@code files} held any entry when this store was built: only then can a file met without a
     * first index chunk be one that the earlier code wrote (nothing writes {@code files} any more), so
     * only then does a new file cost a second get.
     */
    private final boolean earlierFiles;
    /** A file's index chunks: the configurations each file has points in (written behind). */
    private final KeyValueStore<String, ConfigChunk> fileConfigs;
    /** A configuration's series states, one entry per configuration ({@link ConfigStates}; written behind). */
    private final KeyValueStore<String, ConfigStates> series;
    /**
     * The configurations ({@link StateKeys#changeConfig}) whose states a read found in the earlier layout, one
     * entry per series: the next write of one of their states writes the configuration's entry and deletes
     * those. Only a store restored from a changelog the earlier code wrote has any; it empties as they are written.
     */
    private final Set<String> earlierConfigs = new HashSet<>();
    /**
     * Configuration ({@link StateKeys#changeConfig}) to what its runs since its last evaluation left
     * ({@link SinceEvaluation}), for the configurations with runs since then; see the class comment.
     */
    private final Map<String, SinceEvaluation> sinceEvaluation = new HashMap<>();
    /** The last run's keys ({@link #add}): the next run of its model, configuration and file takes them again. */
    private RunKeys lastKeys;
    /**
     * File id to the keys of the file's last run, for the files met lately: a run of another file than the run
     * before (files whose runs interleave on a partition, as ingest's parallel readers send them) takes its file's
     * keys, or their parts where its configuration differs, where it built its three keys afresh.
     */
    private final WeightedLru<String, RunKeys> keysByFile = WeightedLru.counting(FILES_KEYED);
    /** The last run's configuration's entry in {@code sinceEvaluation}; null once that configuration is evaluated. */
    private SinceEvaluation lastSince;
    /** The configurations due, and the store's marks of their models; see the class comment. */
    private final DueConfigs dueConfigs;
    /** The files met lately, with their index chunks; see the class comment. */
    private final KnownFiles knownFiles;
    /** Configuration ({@link StateKeys#changeConfig}) to its run points, for the configurations evaluated lately or met without any point. */
    private final HeldRuns heldRuns;
    /**
     * {@link StateKeys#filePointsPrefix} to the file's chunks in that configuration, for the pairs written
     * lately, least recently used first, weighing their points, bounded by {@link #CHUNKED_POINTS_HELD}.
     * What is dropped from here is in the store (each change is put there as it is made), and read again
     * when needed.
     */
    private final WeightedLru<String, FileChunks> heldChunks = WeightedLru.weighing(CHUNKED_POINTS_HELD, FileChunks::points);
    /**
     * The last chunk's number of each (configuration, file) pair held by its tail lately ({@link FileChunks#tail}):
     * a tail the budget evicted is read again with one get of that chunk, not the pair's every chunk. An entry is
     * written when a pair becomes a tail or its tail starts a chunk, and removed when the pair is read whole, so a
     * number here is always the pair's last chunk.
     */
    private final WeightedLru<String, Integer> tailChunks = WeightedLru.counting(TAILS_HELD);
    /** Models with a configuration that took {@link #POINTS_PER_EVALUATION} points since its evaluation. */
    private final Set<String> overdueModels = new HashSet<>();
    /** Model to its series states by {@link StateKeys#series} key, for the models evaluated lately. */
    private final HeldGroups<String, SeriesState> heldStates;
    /**
     * Model to how many series it watches and which hold a change ({@link WatchedCensus}), for the models
     * whose states are too many for {@code heldStates}, met lately by {@link #watched}: kept up to date at
     * every write and delete of a state, so that building a model's changes reads none of its states.
     */
    private final WeightedLru<String, WatchedCensus> censuses = WeightedLru.counting(MODELS_COUNTED);

    public ChangeStore(KeyValueStore<String, PointChunk> runs, KeyValueStore<String, ChangeFile> files,
                       KeyValueStore<String, ConfigChunk> fileConfigs, KeyValueStore<String, ConfigStates> series,
                       KeyValueStore<String, Long> dirty) {
        this(runs, files, fileConfigs, series, dirty, RUN_POINTS_HELD, SERIES_STATES_HELD, KnownFiles.DEFAULT_BUDGET_ENTRIES);
    }

    /** With budgets of its own for the memory (see the class comment): for tests of that memory. */
    ChangeStore(KeyValueStore<String, PointChunk> runs, KeyValueStore<String, ChangeFile> files,
                KeyValueStore<String, ConfigChunk> fileConfigs, KeyValueStore<String, ConfigStates> series,
                KeyValueStore<String, Long> dirty, int runPointsHeld, int seriesStatesHeld, int fileEntriesHeld) {
        this.runs = runs;
        this.files = files;
        try (KeyValueIterator<String, ChangeFile> any = files.all()) {
            this.earlierFiles = any.hasNext();
        }
        this.fileConfigs = fileConfigs;
        this.series = series;
        this.heldRuns = new HeldRuns(runPointsHeld);
        this.heldStates = new HeldGroups<>(seriesStatesHeld, TreeMap::new);
        this.knownFiles = new KnownFiles(fileEntriesHeld);
        this.dueConfigs = DueConfigs.of(dirty, series);
    }

    /**
     * Adds a run's point to its configuration (replacing the run's earlier point, if any), gives each
     * metric it has a series state, and marks the configuration for evaluation.
     *
     * @param point a point with a finite value of at least one metric ({@link RunPoint#hasAnyValue()})
     * @return how many series got their first state: the model watches that many more, none of them holding a change
     */
    public int add(String model, String configKey, Map<String, String> config, String fileId, String sha256,
                   String path, String runId, RunPoint point, long now) {
        if (!point.hasAnyValue()) {
            throw new IllegalArgumentException("run " + runId + " has no finite value of any of " + RunPoint.METRICS
                    + ": it is no point of any series");
        }
        RunKeys keys = runKeys(model, configKey, fileId);
        String configDue = keys.config;
        SinceEvaluation since = lastSince != null && configDue == lastKeys.config ? lastSince : sinceEvaluation.get(configDue);
        if (since == null) {
            since = new SinceEvaluation(firstRunSinceEvaluation(model, configKey, configDue, now));
            sinceEvaluation.put(configDue, since);
        }
        lastKeys = keys;
        lastSince = since;
        if (++since.points == POINTS_PER_EVALUATION) {
            overdueModels.add(model);
        }
        int marks = since.marks;
        String fileKey = keys.file;
        KnownFiles.KnownFile known = known(fileKey);
        // Whether the file's index names the configuration, so it may have points there: the memory knows every configuration of a file it holds.
        boolean indexed = known.configs().holds(configKey);
        FileChunks chunks = fileChunks(keys.filePoints, indexed, false);
        int before = chunks.points();
        int number = chunks.put(runId, point);
        runs.put(chunks.key(number), chunks.chunk(number));
        StoredRun stored = new StoredRun(fileId, runId, point);
        if (chunks.whole() && chunks.points() > before) {
            // The file's chunks in the configuration held whole, as the store holds them, did not hold the run:
            // the configuration held no point of it, and the point is appended (HeldRuns: no key, no lookup).
            heldRuns.added(configDue, stored);
        } else {
            heldRuns.written(configDue, stored);
        }
        if (chunks.whole() ? chunks.points() > FILE_POINTS_HELD_WHOLE : chunks.count() > 1) {
            // Its next runs go on from its last chunk, alone: a tail that kept the chunks it filled would grow
            // until the budget evicted it, and the next run would read the file whole again.
            FileChunks tail = chunks.tail();
            heldChunks.put(tail.prefix(), tail);
            tailChunks.put(tail.prefix(), tail.lastNumber());
        } else {
            heldChunks.reweigh(chunks.prefix());
        }
        rememberFile(fileKey, known, indexed, configKey, sha256, path);
        int fresh = 0;
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            if ((marks & 1 << i) == 0 && Double.isFinite(point.value(i))) {
                fresh |= 1 << i;
            }
        }
        if (fresh == 0) {
            return 0;
        }
        // One first state for every series of the configuration that gets one now (it is immutable), all in
        // the configuration's one entry: a new configuration's first run writes one record, whatever its metrics.
        // With no mark the configuration holds no state (read at its first run since its evaluation): none to read.
        SeriesState first = SeriesState.first(config);
        SortedMap<String, SeriesState> states = marks == 0 ? new TreeMap<>() : new TreeMap<>(configStates(model, configDue));
        WatchedCensus census = censuses.get(model);
        boolean statesHeld = heldStates.get(model) != null;
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            if ((fresh & 1 << i) != 0) {
                String metric = RunPoint.METRICS.get(i);
                states.put(metric, first);
                if (statesHeld || census != null) {
                    // The series' key, built only for a memory that holds the model: a new configuration's
                    // first run in a model held by neither built one per metric for nothing.
                    String key = StateKeys.series(configDue, metric);
                    heldStates.written(model, key, first);
                    // A new state: the marks say none of this metric is there (read from the states, kept since).
                    if (census != null) {
                        census.written(key, first, true);
                    }
                }
            }
        }
        writeStates(configDue, states);
        since.marks = marks | fresh;
        return Integer.bitCount(fresh);
    }

    /**
     * The run's keys: from the last run's when it is of the same file, else from its file's last run's when
     * {@code keysByFile} holds them (else from the last run's, built where they differ); see {@link RunKeys#of}.
     */
    private RunKeys runKeys(String model, String configKey, String fileId) {
        RunKeys last = lastKeys;
        if (last == null || last.ofFile(model, fileId)) {
            return RunKeys.of(last, model, configKey, fileId);
        }
        // Leaving the last run's file: its keys are kept for its next run, should its runs interleave with others'.
        keysByFile.put(last.fileId(), last);
        RunKeys file = keysByFile.get(fileId);
        return RunKeys.of(file != null && file.ofFile(model, fileId) ? file : last, model, configKey, fileId);
    }

    /**
     * The configuration's first run since its evaluation (or since the task started): marks it due,
     * and returns the metrics whose series hold a state (see {@code sinceEvaluation}), read from the
     * states. A configuration none of whose series holds a state holds no point (see the class
     * comment): from then on its points are held. Its further runs until its evaluation find it marked.
     */
    private int firstRunSinceEvaluation(String model, String configKey, String configDue, long now) {
        markDue(model, configKey, now);
        int marks = stateMarks(model, configDue);
        if (marks == 0 && !heldRuns.holds(configDue)) {
            heldRuns.none(configDue);
        }
        return marks;
    }

    /**
     * The file version's entry and its index's {@code configKey}, each written when not held yet: a
     * file is read once (when this store's memory does not know it), and written once, and its index
     * chunk that gets the configuration is put (written back once per commit, whatever it got). The aggregate holds one version of a file
     * per model (a newer one drops the older first, {@link #dropFile}), so an entry of another sha256
     * cannot be met; were it, this version's fields would take its place.
     */
    private void rememberFile(String key, KnownFiles.KnownFile known, boolean indexed, String configKey, String sha256,
                              String path) {
        ChangeFile held = known.file();
        FileConfigs configs = known.configs();
        if (held == null || !held.sha256().equals(sha256) || !held.path().equals(path)) {
            int first = configs.file(new ChangeFile(sha256, path));
            fileConfigs.put(configs.key(first), configs.chunk(first));
        }
        if (!indexed) {
            int number = configs.add(configKey);
            // Most often the first chunk again, put above in the same commit: one record, written back at the commit.
            fileConfigs.put(configs.key(number), configs.chunk(number));
            knownFiles.configAdded(key, known);
        }
    }

    /**
     * The file as this store's memory knows it, read from the store when it does not: its first index
     * chunk with one get, and, when it has one, all its index chunks with one prefix scan. A file
     * without a first chunk has no index entry either (the first chunk is written with the file's first
     * configuration and deleted with its last): nothing to scan.
     *
     * <p>The earlier layout (until 2026-12-06: the file's fields in its own {@code change-files} entry,
     * its index chunks without them, or one index entry per configuration before that; a store restored
     * from a changelog the earlier code wrote): a file met without its fields in a first chunk is looked
     * up in {@code files} (only while that store held an entry at start, or when a first chunk without
     * the fields is found), and one found there is rewritten into the new layout here, its fields into
     * its first chunk and its {@code files} entry deleted, so a file met once holds no earlier entry
     * from then on (docs/reliability.md, "Upgrading the change-detection state").
     */
    private KnownFiles.KnownFile known(String key) {
        KnownFiles.KnownFile known = knownFiles.get(key);
        if (known == null) {
            // A new file's chunks: its first chunk's key, built here, is the one its first run puts.
            FileConfigs none = new FileConfigs(configsPrefix(key));
            ConfigChunk first = fileConfigs.get(none.key(ConfigChunk.FIRST));
            ChangeFile file = first == null ? null : first.file();
            ChangeFile earlier = file == null && (earlierFiles || first != null) ? files.get(key) : null;
            FileConfigs configs = file == null && earlier == null ? none : readConfigs(key);
            if (earlier != null) {
                int number = configs.file(earlier);
                fileConfigs.put(configs.key(number), configs.chunk(number));
                remove(files, key);
            }
            known = knownFiles.met(key, configs);
        }
        return known;
    }

    /**
     * The file's index chunks, read with one prefix scan. Entries of the earlier index (one per
     * configuration, the config key in the key: a store restored from a changelog that the earlier
     * code wrote) are rewritten into chunks here and deleted, so a file met once holds no earlier
     * entry from then on (docs/reliability.md, "Upgrading the change-detection state").
     */
    private FileConfigs readConfigs(String fileKey) {
        String prefix = configsPrefix(fileKey);
        FileConfigs configs = new FileConfigs(prefix);
        List<String> earlier = new ArrayList<>();
        try (KeyValueIterator<String, ConfigChunk> entries = fileConfigs.prefixScan(prefix, PREFIX_SERIALIZER)) {
            entries.forEachRemaining(entry -> {
                String rest = entry.key.substring(prefix.length());
                if (isChunk(rest)) {
                    configs.loaded(StateKeys.chunkNumber(rest), entry.value);
                } else {
                    earlier.add(rest);
                }
            });
        }
        Set<Integer> changed = new TreeSet<>();
        for (String configKey : earlier) {
            remove(fileConfigs, prefix + configKey);
            if (!configs.holds(configKey)) {
                changed.add(configs.add(configKey));
            }
        }
        changed.forEach(number -> fileConfigs.put(configs.key(number), configs.chunk(number)));
        return configs;
    }

    /** The prefix of a file's entries in {@code change-file-configs}: its key and the separator. */
    private static String configsPrefix(String fileKey) {
        return fileKey + StateKeys.SEPARATOR;
    }

    /**
     * The file's chunks in the configuration, as the store holds them: held, or read with one prefix scan
     * of the file's entries there and held. A file whose index does not name the configuration has no
     * point in it: nothing to read (a scan opens a metered iterator, which costs more than a get). Entries of the earlier layout (one
     * per run, format 1: a store restored from a changelog that the earlier code wrote) are rewritten into
     * chunks here and deleted, a run in both keeping its chunk's point, so a file written to in a
     * configuration holds no earlier entry there from then on.
     *
     * <p>A file with more than {@link #FILE_POINTS_HELD_WHOLE} points in the configuration is held by its
     * last chunk alone ({@link FileChunks#tail}), which is all a run added to it needs, and read again by
     * that chunk alone ({@code tailChunks}) once evicted; what needs every chunk (the bound's drops, a
     * replaced file) reads them again, and a read that finds a run in two chunks writes the earlier one
     * again without it.
     *
     * @param indexed false when the file's index is known not to name the configuration
     * @param whole   whether every chunk is needed (else the last suffices: a run is added)
     */
    private FileChunks fileChunks(String prefix, boolean indexed, boolean whole) {
        FileChunks held = heldChunks.get(prefix);
        if (held != null && (held.whole() || !whole)) {
            return held;
        }
        if (!whole && indexed) {
            Integer last = tailChunks.get(prefix);
            PointChunk chunk = last == null ? null : runs.get(StateKeys.pointChunk(prefix, last));
            if (chunk != null) {
                FileChunks tail = FileChunks.tailOf(prefix, last, chunk);
                heldChunks.putOverBudget(prefix, tail);
                return tail;
            }
        }
        tailChunks.remove(prefix); // read whole below: held whole, or a tail again once its next run comes
        FileChunks chunks = new FileChunks(prefix);
        if (indexed) {
            Map<String, RunPoint> earlier = new LinkedHashMap<>();
            List<String> earlierKeys = new ArrayList<>();
            try (KeyValueIterator<String, PointChunk> entries = runs.prefixScan(prefix, PREFIX_SERIALIZER)) {
                entries.forEachRemaining(entry -> {
                    String rest = entry.key.substring(prefix.length());
                    if (isChunk(rest)) {
                        chunks.loaded(StateKeys.chunkNumber(rest), entry.value);
                    } else {
                        earlierKeys.add(entry.key);
                        earlier.put(rest, entry.value.byRun().get(PointChunk.ID_IN_KEY));
                    }
                });
            }
            Set<Integer> changed = new TreeSet<>();
            earlier.forEach((runId, point) -> {
                if (!chunks.holds(runId)) {
                    changed.add(chunks.put(runId, point));
                }
            });
            earlierKeys.forEach(key -> remove(runs, key));
            changed.addAll(chunks.deduplicated());
            for (int number : changed) {
                if (chunks.chunk(number).isEmpty()) {
                    remove(runs, chunks.key(number));
                    chunks.drop(number);
                } else {
                    runs.put(chunks.key(number), chunks.chunk(number));
                }
            }
        }
        // Its caller changes it, then keeps the budget (what goes is chosen by what the chunks hold after).
        heldChunks.putOverBudget(prefix, chunks);
        return chunks;
    }

    /**
     * Whether what follows a file's prefix in a {@code change-runs} or {@code change-file-configs} key is a
     * chunk's number (else a run id or a config key, the earlier layouts).
     */
    private static boolean isChunk(String afterFilePrefix) {
        return !afterFilePrefix.isEmpty() && afterFilePrefix.charAt(0) == StateKeys.SEPARATOR;
    }

    /** Forgets the file's chunks held (every entry of them deleted). */
    private void forgetChunks(String prefix) {
        heldChunks.remove(prefix);
        tailChunks.remove(prefix);
    }

    /**
     * Removes every point of {@code fileId} from the model's configurations; returns the config keys
     * that lost some, now marked. Reads the file's own points only: per configuration its index chunks
     * name, its chunks there (held, or one prefix scan).
     */
    public List<String> dropFile(String model, String fileId, long now) {
        String fileKey = StateKeys.file(model, fileId);
        FileConfigs configs = known(fileKey).configs();
        List<String> marked = new ArrayList<>();
        for (String configKey : configs.configs()) {
            FileChunks chunks = fileChunks(StateKeys.filePointsPrefix(model, configKey, fileId), true, true);
            String configDue = StateKeys.changeConfig(model, configKey);
            List<String> stale = new ArrayList<>();
            chunks.forEachChunk((number, chunk) -> {
                stale.addAll(chunk.byRun().keySet());
                remove(runs, chunks.key(number));
            });
            forgetChunks(chunks.prefix());
            for (String runId : stale) {
                heldRuns.deleted(configDue, new RunRef(fileId, runId));
            }
            if (!stale.isEmpty()) {
                markDue(model, configKey, now);
                marked.add(configKey);
            }
        }
        forgetFile(fileKey, configs);
        return marked;
    }

    /**
     * The history bound dropped the last points of these files in {@code configKey}: their index no
     * longer names it (its chunk written again, or deleted once emptied, but for the first chunk, which
     * holds the file's fields while the file has any configuration), and a file whose index names no
     * configuration leaves, every chunk of it.
     */
    public void filesLeft(String model, String configKey, Collection<String> fileIds) {
        for (String fileId : fileIds) {
            String key = StateKeys.file(model, fileId);
            KnownFiles.KnownFile known = known(key);
            FileConfigs configs = known.configs();
            int number = configs.remove(configKey);
            if (configs.size() == 0) {
                forgetFile(key, configs);
            } else if (number >= 0) {
                knownFiles.configLeft(key, known);
                ConfigChunk chunk = configs.chunk(number);
                if (chunk.isEmpty() && number != ConfigChunk.FIRST) {
                    remove(fileConfigs, configs.key(number));
                    configs.drop(number);
                } else {
                    fileConfigs.put(configs.key(number), chunk);
                }
            }
        }
    }

    /** The file leaves: every index chunk of it deleted (its fields with the first). */
    private void forgetFile(String key, FileConfigs configs) {
        configs.forEachChunk(number -> {
            remove(fileConfigs, configs.key(number));
            configs.drop(number);
        });
        knownFiles.forget(key);
    }

    /**
     * Whether a configuration of the model took {@link #POINTS_PER_EVALUATION} points or more since its
     * evaluation: the model is to be evaluated now, whether or not its burst of runs is over, so that the
     * evaluation of a configuration (which reads its points since its last trim, one configuration at a time)
     * reads a bounded number of points however large the files. Counted per configuration: a sweep's many
     * configurations of a few runs each never make a model overdue.
     */
    public boolean evaluationOverdue(String model) {
        return overdueModels.contains(model);
    }

    /** The model's due configurations were all evaluated ({@link #evaluated(String, String)} each). */
    public void modelEvaluated(String model) {
        overdueModels.remove(model);
    }

    /** The model's configurations with points not yet evaluated, by config key. */
    public List<String> dueConfigs(String model) {
        return dueConfigs.of(model);
    }

    /**
     * The configuration's run points, in no particular order (not series order): held, or read with one
     * prefix scan (chunks, and entries of the earlier layout: a file's chunks and earlier entries in a
     * configuration never hold the same run, see {@link #fileChunks}) and held.
     *
     * <p>A read-only view of the held points, not a copy (an evaluation copied a configuration's every
     * point into a new list, profiled in the bench): read it before this store is written again, as an
     * evaluation places them before it trims or writes anything.
     */
    public Collection<StoredRun> runs(String model, String configKey) {
        String configDue = StateKeys.changeConfig(model, configKey);
        Collection<StoredRun> held = heldRuns.get(configDue);
        if (held == null) {
            String prefix = configDue + StateKeys.SEPARATOR;
            Map<RunRef, StoredRun> found = new LinkedHashMap<>();
            try (KeyValueIterator<String, PointChunk> all = runs.prefixScan(prefix, PREFIX_SERIALIZER)) {
                all.forEachRemaining(entry -> {
                    int afterFile = entry.key.indexOf(StateKeys.SEPARATOR, prefix.length());
                    String fileId = entry.key.substring(prefix.length(), afterFile);
                    String rest = entry.key.substring(afterFile + 1);
                    if (isChunk(rest)) {
                        entry.value.byRun().forEach((runId, point) ->
                                found.put(new RunRef(fileId, runId), new StoredRun(fileId, runId, point)));
                    } else {
                        found.put(new RunRef(fileId, rest),
                                new StoredRun(fileId, rest, entry.value.byRun().get(PointChunk.ID_IN_KEY)));
                    }
                });
            }
            held = heldRuns.loaded(configDue, found);
        }
        return held;
    }

    /** The configurations the file has points in, by config key, in the order the file met them. */
    public List<String> fileConfigs(String model, String fileId) {
        return known(StateKeys.file(model, fileId)).configs().configs();
    }

    /** The file version's fields as kept with its points; null when the model holds no point of it. */
    public ChangeFile file(String model, String fileId) {
        return known(StateKeys.file(model, fileId)).file();
    }

    /** The series' state; null for a series never seen (or emptied and forgotten). */
    public SeriesState state(SeriesId id) {
        Map<String, SeriesState> held = heldStates.get(id.model());
        return held != null ? held.get(StateKeys.series(id))
                : storedStates(StateKeys.changeConfig(id.model(), id.configKey())).get(id.metric());
    }

    /**
     * The metrics of the configuration ({@code configDue}) whose series hold a state, bit {@code i} for
     * {@code RunPoint.METRICS.get(i)}: what {@link #configStates} holds, without building its map from the
     * held states (read at every configuration's first run since its evaluation, where the map was made for
     * its keys alone); from the store, {@link #storedStates}' own answer, which makes no map for a new one.
     */
    private int stateMarks(String model, String configDue) {
        Map<String, SeriesState> held = heldStates.get(model);
        if (held == null) {
            return marksOf(storedStates(configDue)::containsKey);
        }
        return marksOf(metric -> held.containsKey(StateKeys.series(configDue, metric)));
    }

    /** Bit {@code i} set for each {@code RunPoint.METRICS.get(i)} that {@code holds}. */
    private static int marksOf(Predicate<String> holds) {
        int marks = 0;
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            if (holds.test(RunPoint.METRICS.get(i))) {
                marks |= 1 << i;
            }
        }
        return marks;
    }

    /**
     * The configuration's ({@code configDue}, {@link StateKeys#changeConfig}) series states by metric: from memory
     * when the model's states are held, else from the store ({@link #storedStates}).
     */
    private Map<String, SeriesState> configStates(String model, String configDue) {
        Map<String, SeriesState> held = heldStates.get(model);
        if (held == null) {
            return storedStates(configDue);
        }
        Map<String, SeriesState> states = new TreeMap<>();
        for (String metric : RunPoint.METRICS) {
            SeriesState state = held.get(StateKeys.series(configDue, metric));
            if (state != null) {
                states.put(metric, state);
            }
        }
        return states;
    }

    /**
     * The configuration's series states as the store holds them: its entry (one get), or, when it has none,
     * its series' entries of the earlier layout (a get per metric; a configuration found so is remembered in
     * {@code earlierConfigs}, so that its next write rewrites it). A configuration is stored in one layout or the
     * other: its entry is written in the same transaction that deletes its earlier ones.
     */
    private Map<String, SeriesState> storedStates(String configDue) {
        ConfigStates entry = series.get(configDue);
        if (entry != null) {
            return entry.byMetric();
        }
        // No map made for a configuration with no state in either layout (a new one, read at its first run).
        Map<String, SeriesState> states = Map.of();
        for (String metric : RunPoint.METRICS) {
            ConfigStates earlier = series.get(StateKeys.series(configDue, metric));
            if (earlier != null) {
                if (states.isEmpty()) {
                    states = new TreeMap<>();
                }
                states.put(metric, earlier.earlierState());
                earlierConfigs.add(configDue);
            }
        }
        return states;
    }

    /**
     * Writes the configuration's states, all of them (its entry deleted when none is left), and deletes its
     * entries of the earlier layout when a read found it so: from then on it is stored in one entry
     * (docs/reliability.md, "Upgrading the change-detection state"). Every caller read the configuration's
     * states first ({@link #configStates}, or the scan of {@link #statesHeld}), so {@code earlierConfigs} knows.
     */
    private void writeStates(String configDue, SortedMap<String, SeriesState> states) {
        if (states.isEmpty()) {
            remove(series, configDue);
        } else {
            series.put(configDue, new ConfigStates(states));
        }
        if (earlierConfigs.remove(configDue)) {
            for (String metric : RunPoint.METRICS) {
                remove(series, StateKeys.series(configDue, metric));
            }
        }
    }

    /**
     * The bound dropped these points of the configuration: they leave their chunks, each chunk changed
     * written once (or deleted once emptied).
     */
    public void trimmed(String model, String configKey, Collection<SeriesPoint> dropped) {
        String configDue = StateKeys.changeConfig(model, configKey);
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (SeriesPoint point : dropped) {
            byFile.computeIfAbsent(point.fileId(), fileId -> new ArrayList<>()).add(point.runId());
        }
        byFile.forEach((fileId, runIds) -> {
            FileChunks chunks = fileChunks(StateKeys.filePointsPrefix(model, configKey, fileId), true, true);
            Set<Integer> changed = new TreeSet<>();
            for (String runId : runIds) {
                int number = chunks.remove(runId);
                if (number >= 0) {
                    changed.add(number);
                }
                heldRuns.deleted(configDue, new RunRef(fileId, runId));
            }
            heldChunks.reweighOverBudget(chunks.prefix());
            for (int number : changed) {
                PointChunk chunk = chunks.chunk(number);
                if (chunk.isEmpty()) {
                    remove(runs, chunks.key(number));
                    chunks.drop(number);
                } else {
                    runs.put(chunks.key(number), chunk);
                }
            }
            if (chunks.points() == 0) {
                forgetChunks(chunks.prefix());
            }
        });
        heldChunks.keepBudget();
    }

    /** Records a series' evaluation: it keeps {@code state}, or is forgotten when {@code forget}. */
    public void evaluated(SeriesId id, SeriesState state, boolean forget) {
        String configDue = StateKeys.changeConfig(id.model(), id.configKey());
        String key = StateKeys.series(configDue, id.metric());
        WatchedCensus census = censuses.get(id.model());
        SortedMap<String, SeriesState> states = new TreeMap<>(configStates(id.model(), configDue));
        SeriesState was = forget ? states.remove(id.metric()) : states.put(id.metric(), state);
        writeStates(configDue, states);
        if (forget) {
            heldStates.deleted(id.model(), key);
            if (census != null) {
                census.deleted(key, was != null);
            }
            int bit = 1 << RunPoint.METRICS.indexOf(id.metric());
            SinceEvaluation since = sinceEvaluation.get(configDue);
            if (since != null) {
                since.marks &= ~bit;
            }
        } else {
            heldStates.written(id.model(), key, state);
            if (census != null) {
                census.written(key, state, was == null);
            }
        }
    }

    /** The configuration has been evaluated: it is no longer due. */
    public void evaluated(String model, String configKey) {
        String key = StateKeys.changeConfig(model, configKey);
        dueConfigs.remove(model, configKey);
        // Only a configuration's marks until its evaluation are remembered, so the memory stays bounded.
        sinceEvaluation.remove(key);
        lastSince = null;
    }

    /** Every series state of {@code model}, in key order. */
    public List<KeyValue<SeriesId, SeriesState>> states(String model) {
        Map<String, SeriesState> held = statesHeld(model);
        List<KeyValue<SeriesId, SeriesState>> states = new ArrayList<>(held.size());
        held.forEach((key, state) -> states.add(KeyValue.pair(StateKeys.seriesOf(key), state)));
        return states;
    }

    /**
     * The series {@code model} watches: how many hold a state, and those whose state holds a published
     * change or a kept retraction, in key order. What a model's changes are built from, after each of
     * its evaluations: most series hold no change, and their ids are not parsed from their keys. From
     * the model's states held, or, for a model with more states than are held, from its census
     * ({@link WatchedCensus}: one scan of its states, then none).
     */
    public WatchedSeries watched(String model) {
        Map<String, SeriesState> held = heldStates.get(model);
        if (held == null) {
            WatchedCensus census = censuses.get(model);
            if (census != null) {
                return census.watched();
            }
            held = statesHeld(model);
            if (heldStates.get(model) == null) {
                // Too many states to hold: counted instead, so the next call reads none.
                census = WatchedCensus.of(held);
                censuses.put(model, census);
                return census.watched();
            }
        }
        List<KeyValue<SeriesId, SeriesState>> withChanges = new ArrayList<>();
        held.forEach((key, state) -> {
            if (!state.holdsNoChanges()) {
                withChanges.add(KeyValue.pair(StateKeys.seriesOf(key), state));
            }
        });
        return new WatchedSeries(held.size(), withChanges);
    }

    /** See {@link #watched}. */
    public record WatchedSeries(int count, List<KeyValue<SeriesId, SeriesState>> withChanges) {
    }

    /** The model's series states by key, in key order: held, or read from the store (one scan) and held. */
    private Map<String, SeriesState> statesHeld(String model) {
        Map<String, SeriesState> held = heldStates.get(model);
        if (held == null) {
            SortedMap<String, SeriesState> found = readStates(series, model, earlierConfigs);
            held = heldStates.loaded(model, found);
        }
        return held;
    }

    /** Every series state of {@code model} held by these stores, for queries. */
    public static List<KeyValue<SeriesId, SeriesState>> statesOf(
            ReadOnlyKeyValueStore<String, ConfigStates> store, String model) {
        List<KeyValue<SeriesId, SeriesState>> found = new ArrayList<>();
        readStates(store, model, new HashSet<>()).forEach((key, state) -> found.add(KeyValue.pair(StateKeys.seriesOf(key), state)));
        return found;
    }

    /**
     * Every series state of {@code model} in {@code store}, by {@link StateKeys#series} key (the order the
     * earlier per-series layout kept them in, so that of the reports' and queries' lists): one scan, both
     * layouts (a configuration's entry wins over earlier entries of its series). Adds to {@code earlier} the
     * configurations found in the earlier layout.
     */
    private static SortedMap<String, SeriesState> readStates(ReadOnlyKeyValueStore<String, ConfigStates> store,
                                                             String model, Set<String> earlier) {
        SortedMap<String, SeriesState> found = new TreeMap<>();
        try (KeyValueIterator<String, ConfigStates> all = store.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> {
                String configDue = StateKeys.changeConfigOfStates(entry.key);
                if (configDue.length() < entry.key.length()) {
                    found.putIfAbsent(entry.key, entry.value.earlierState());
                    earlier.add(configDue);
                } else {
                    // A configuration's entry sorts before its series' earlier entries (a shorter key, the same prefix).
                    entry.value.byMetric().forEach((metric, state) -> found.put(StateKeys.series(configDue, metric), state));
                }
            });
        }
        return found;
    }

    /** Marks the configuration due (when it first got points not yet evaluated), unless it is. */
    private void markDue(String model, String configKey, long now) {
        dueConfigs.add(model, configKey, now);
    }

    /**
     * Deletes {@code key}: a null put, which deletes (tombstone included) without reading and
     * decoding the old value first as {@code delete()} does, only to return it. What leaves at the
     * evaluations is deleted so: the points the history bound drops (profiled in the bench: decoding
     * them was most of the bound's cost), the index entries and files they empty, the due marks.
     */
    private static <V> void remove(KeyValueStore<String, V> store, String key) {
        store.put(key, null);
    }
}
