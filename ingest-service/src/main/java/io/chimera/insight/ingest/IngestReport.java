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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects what ingest learns about one file and turns it into the file event, deciding the status:
 * REJECTED when the file as a whole is unusable or none of its records is; EMPTY when it is
 * readable but holds no records; PARTIAL when some records became dead letters; else ACCEPTED.
 */
final class IngestReport {

    /** Warnings kept per file event; the rest are counted, so one noisy file cannot bloat the topic. */
    static final int MAX_WARNINGS = 50;

    private final String fileId;
    private final String path;
    private final Instant ingestedAt;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<BenchmarkRun> runs = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private String sha256 = "";
    private FileFormat format = FileFormat.UNKNOWN;
    private long sizeBytes;
    private Instant modifiedAt = Instant.EPOCH;
    private int droppedValues;
    private String rejection;
    private String emptyReason;

    IngestReport(String fileId, String path, Instant ingestedAt) {
        this.fileId = fileId;
        this.path = path;
        this.ingestedAt = ingestedAt;
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
        warnings.add(warning);
    }

    void warnAll(List<String> more) {
        warnings.addAll(more);
    }

    /** Why a readable file gave no records, for the status reason. */
    void emptyBecause(String reason) {
        this.emptyReason = reason;
    }

    /** Values left out of records that were kept (each also named in a warning). */
    void dropped(int values) {
        droppedValues += values;
    }

    void add(BenchmarkRun run) {
        runs.add(run);
    }

    void add(Problem problem) {
        deadLetters.add(DeadLetters.of(problem.stage(), path, problem.locator(), problem.errorClass(),
                problem.message(), problem.excerpt()));
    }

    /** The whole file is unusable: one dead letter, no runs. */
    void reject(String stage, String errorClass, String message, String excerpt, String locator) {
        runs.clear();
        deadLetters.clear();
        droppedValues = 0;
        rejection = message;
        deadLetters.add(DeadLetters.of(stage, path, locator, errorClass, message, excerpt));
    }

    IngestedFile build() {
        int failed = (int) runs.stream().filter(r -> r.getKind() == RecordKind.RUN && !r.getOk()).count();
        int runCount = (int) runs.stream().filter(r -> r.getKind() == RecordKind.RUN).count();
        Set<String> models = new TreeSet<>();
        runs.forEach(r -> models.add(r.getModel()));
        FileStatus status;
        String reason;
        if (rejection != null) {
            status = FileStatus.REJECTED;
            reason = rejection;
        } else if (runs.isEmpty() && !deadLetters.isEmpty()) {
            status = FileStatus.REJECTED;
            reason = "none of its " + deadLetters.size() + " records is usable: " + deadLetters.get(0).getMessage();
        } else if (runs.isEmpty()) {
            status = FileStatus.EMPTY;
            reason = emptyReason != null ? emptyReason : "no benchmark records found";
        } else if (!deadLetters.isEmpty()) {
            status = FileStatus.PARTIAL;
            reason = deadLetters.size() + " of " + (deadLetters.size() + runs.size())
                    + " records unusable (see dead letters)";
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
                .setRunCount(runCount)
                .setFailedRunCount(failed)
                .setSummaryCount(runs.size() - runCount)
                .setWarnings(cappedWarnings())
                .setStatus(status)
                .setStatusReason(reason)
                .setDroppedValues(droppedValues)
                .build();
        return new IngestedFile(file, runs, deadLetters);
    }

    private List<String> cappedWarnings() {
        List<String> all = new ArrayList<>(warnings);
        if (all.size() <= MAX_WARNINGS) {
            return all;
        }
        List<String> kept = new ArrayList<>(all.subList(0, MAX_WARNINGS));
        kept.add("... and " + (all.size() - MAX_WARNINGS) + " more warnings");
        return kept;
    }
}
