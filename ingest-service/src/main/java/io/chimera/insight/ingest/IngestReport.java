package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.platform.kafka.DeadLetters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts what ingest learns about one file, passing its runs and dead letters on to the
 * {@link IngestSink} as they come, and turns the counts into the file event, deciding the status:
 * REJECTED when the file as a whole is unusable or none of its records is; EMPTY when it is
 * readable but holds no records; PARTIAL when some records became dead letters; else ACCEPTED.
 * Nothing here grows with the file but the model set (and that by distinct models).
 */
final class IngestReport {

    /** Warnings kept per file event; the rest are counted, so one noisy file cannot bloat the topic. */
    static final int MAX_WARNINGS = 50;
    /** Distinct warnings past the kept ones remembered to count them exactly; beyond, only "more than" is said. */
    static final int MAX_COUNTED_WARNINGS = 10_000;

    private final String fileId;
    private final String path;
    private final Instant ingestedAt;
    private final IngestSink sink;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> moreWarnings = new HashSet<>();
    private long uncountedWarnings;
    private final Set<String> models = new TreeSet<>();
    private final Map<String, Long> runsByModel = new TreeMap<>();
    private final Map<String, Long> deadLettersByStage = new TreeMap<>();
    private int runs;
    private int failedRuns;
    private int summaries;
    private int deadLetters;
    private String firstDeadLetter;
    private DeadLetter rejectionLetter;
    private String sha256 = "";
    private FileFormat format = FileFormat.UNKNOWN;
    private long sizeBytes;
    private Instant modifiedAt = Instant.EPOCH;
    private int droppedValues;
    private String rejection;
    private String emptyReason;

    IngestReport(String fileId, String path, Instant ingestedAt, IngestSink sink) {
        this.fileId = fileId;
        this.path = path;
        this.ingestedAt = ingestedAt;
        this.sink = sink;
    }

    void describe(long size, Instant modified) {
        this.sizeBytes = size;
        this.modifiedAt = modified;
    }

    void content(String sha, FileFormat detected) {
        this.sha256 = sha;
        this.format = detected;
    }

    void format(FileFormat detected) {
        this.format = detected;
    }

    void warn(String warning) {
        if (warnings.size() < MAX_WARNINGS || warnings.contains(warning)) {
            warnings.add(warning);
        } else if (moreWarnings.size() < MAX_COUNTED_WARNINGS) {
            moreWarnings.add(warning);
        } else if (!moreWarnings.contains(warning)) {
            uncountedWarnings++;
        }
    }

    void warnAll(List<String> more) {
        more.forEach(this::warn);
    }

    /** Why a readable file gave no records, for the status reason. */
    void emptyBecause(String reason) {
        this.emptyReason = reason;
    }

    /** Values left out of records that were kept (each also named in a warning). */
    void dropped(int values) {
        droppedValues += values;
    }

    /** Runs, summaries and dead letters so far. */
    long records() {
        return (long) runs + summaries + deadLetters;
    }

    void add(BenchmarkRun run) {
        models.add(run.getModel());
        if (run.getKind() == RecordKind.RUN) {
            runs++;
            failedRuns += run.getOk() ? 0 : 1;
            runsByModel.merge(run.getModel(), 1L, Long::sum);
        } else {
            summaries++;
        }
        sink.run(run);
    }

    void add(Problem problem) {
        DeadLetter letter = DeadLetters.of(problem.stage(), path, problem.locator(), problem.errorClass(),
                problem.message(), problem.excerpt());
        deadLetters++;
        deadLettersByStage.merge(letter.getStage(), 1L, Long::sum);
        if (firstDeadLetter == null) {
            firstDeadLetter = letter.getMessage();
        }
        sink.deadLetter(letter);
    }

    /** The whole file is unusable: one dead letter, no runs; what the sink got is discarded. */
    void reject(String stage, String errorClass, String message, String excerpt, String locator) {
        sink.discard();
        models.clear();
        runsByModel.clear();
        deadLettersByStage.clear();
        runs = 0;
        failedRuns = 0;
        summaries = 0;
        droppedValues = 0;
        rejection = message;
        rejectionLetter = DeadLetters.of(stage, path, locator, errorClass, message, excerpt);
        deadLetters = 1;
        deadLettersByStage.put(stage, 1L);
    }

    /** This version was published before: not parsed, nothing to publish. */
    IngestedFile unchanged() {
        emptyReason = "unchanged since it was published; not read again";
        return build(IngestedFile.Reading.UNCHANGED);
    }

    /** The digest of the second pass is not the first one's: what was read mixes two versions. */
    IngestedFile changedWhileRead(String before, String after) {
        reject(FileIngestor.STAGE_READ, "ChangedWhileRead", "the file changed while it was read (SHA-256 " + before
                + " before, " + after + " after); not published: a watcher reads it again once it settles, a one-shot "
                + "publish or run must be run again", "", "");
        return build(IngestedFile.Reading.CHANGED_WHILE_READ);
    }

    IngestedFile build(IngestedFile.Reading reading) {
        int records = runs + summaries;
        FileStatus status;
        String reason;
        if (rejection != null) {
            status = FileStatus.REJECTED;
            reason = rejection;
        } else if (records == 0 && deadLetters > 0) {
            status = FileStatus.REJECTED;
            reason = "none of its " + deadLetters + " records is usable: " + firstDeadLetter;
        } else if (records == 0) {
            status = FileStatus.EMPTY;
            reason = emptyReason != null ? emptyReason : "no benchmark records found";
        } else if (deadLetters > 0) {
            status = FileStatus.PARTIAL;
            reason = deadLetters + " of " + (deadLetters + records) + " records unusable (see dead letters)";
        } else {
            status = FileStatus.ACCEPTED;
            reason = null;
        }
        BenchmarkFile file = BenchmarkFile.newBuilder()
                .setFileId(fileId)
                .setPath(path)
                .setSha256(sha256)
                .setReplacesSha256(null)
                .setFormat(format)
                .setSizeBytes(sizeBytes)
                .setModifiedAt(modifiedAt.truncatedTo(ChronoUnit.MILLIS))
                .setIngestedAt(ingestedAt.truncatedTo(ChronoUnit.MILLIS))
                .setModels(List.copyOf(models))
                .setRunCount(runs)
                .setFailedRunCount(failedRuns)
                .setSummaryCount(summaries)
                .setWarnings(cappedWarnings())
                .setStatus(status)
                .setStatusReason(reason)
                .setDroppedValues(droppedValues)
                .build();
        return new IngestedFile(file, reading, new FileCounts(runsByModel, deadLettersByStage), List.of(),
                rejectionLetter == null ? List.of() : List.of(rejectionLetter));
    }

    private List<String> cappedWarnings() {
        List<String> kept = new ArrayList<>(warnings);
        if (!moreWarnings.isEmpty()) {
            // past the remembered ones, a warning may repeat one already counted: the count is a floor
            kept.add("... and " + (uncountedWarnings > 0 ? "more than " : "") + moreWarnings.size() + " more warnings");
        }
        return kept;
    }
}
