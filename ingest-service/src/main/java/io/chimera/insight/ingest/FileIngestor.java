package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.ModelFromPath;
import io.chimera.insight.ingest.normalise.NormalisedRecord;
import io.chimera.insight.ingest.normalise.RunNormaliser;
import io.chimera.insight.ingest.normalise.SourceFile;
import io.chimera.insight.ingest.parse.DecodingReader;
import io.chimera.insight.ingest.parse.ErrorOnlyContent;
import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.FormatDetector;
import io.chimera.insight.ingest.parse.InputFormats;
import io.chimera.insight.ingest.parse.MalformedText;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.SourceReader;
import io.chimera.insight.ingest.parse.TextDecoder;
import io.chimera.insight.ingest.parse.UnusableFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one benchmark file into its file event, its runs and its dead letters: decode, detect the
 * format, parse, normalise. Pure (no Kafka) and total: bad input of any kind gives a REJECTED,
 * EMPTY or PARTIAL file, never an exception.
 *
 * <p>Memory does not grow with the file. Two passes stream it: the first digests it (SHA-256, the
 * version's id, which every run carries, so it is needed before the first run; an unchanged file
 * stops there); the second decodes, parses and normalises it as it reads, handing each run and dead
 * letter to an {@link IngestSink}, and digests it again. When the digests differ the file changed
 * while it was read: the result ({@link IngestedFile.Reading#CHANGED_WHILE_READ}) must not be
 * published, and the file is read again. Only documents whose records take context from anywhere in
 * them (a JSON object, Markdown) are held whole, up to {@link IngestLimits#maxDocumentChars}; a file
 * making more than {@link IngestLimits#maxRecordsPerFile} records is rejected whole.
 *
 * <p>A file over the size limit is rejected without being parsed (its digest is still streamed, so an
 * unchanged oversized file is recognised on the next scan).
 *
 * <p>Thread-safe: it holds no per-file state, so a watcher may ingest several files at once.
 */
public final class FileIngestor {

    /** Default size limit: far above any rig output seen; a file is streamed, never loaded whole. */
    public static final long DEFAULT_MAX_FILE_BYTES = IngestLimits.DEFAULT_MAX_FILE_BYTES;

    /** The option that sets {@link IngestLimits#maxRecordsPerFile}, named in the rejection of a larger file. */
    public static final String RECORDS_LIMIT_OPTION = "--max-records-per-file";

    static final String STAGE_READ = "ingest.read";

    private static final Logger log = LoggerFactory.getLogger(FileIngestor.class);

    private final IngestLimits limits;
    private final Clock clock;
    private final Parsers parsers;
    private final RunNormaliser normaliser;
    private final ModelFromPath modelFromPath;

    public FileIngestor(MappingRules rules) {
        this(rules, IngestLimits.defaults(), Clock.systemUTC());
    }

    public FileIngestor(MappingRules rules, long maxFileBytes, Clock clock) {
        this(rules, IngestLimits.defaults().withMaxFileBytes(maxFileBytes), clock);
    }

    public FileIngestor(MappingRules rules, IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.parsers = new Parsers(rules);
        this.normaliser = new RunNormaliser(rules);
        this.modelFromPath = new ModelFromPath(rules.modelFamilies());
    }

    public IngestLimits limits() {
        return limits;
    }

    /**
     * Ingests {@code file}, found under {@code root}, keeping every run and dead letter in the result
     * (tests, benchmarks; the publisher streams instead). Its id is the SHA-256 of its root-relative path.
     */
    public IngestedFile ingest(Path root, Path file) {
        Collected collected = new Collected();
        IngestedFile read = ingest(root, file, collected, sha -> false);
        List<DeadLetter> deadLetters = new ArrayList<>(collected.deadLetters);
        deadLetters.addAll(read.deadLetters());
        return read.withRecords(collected.runs, deadLetters);
    }

    /**
     * Ingests {@code file}, handing its runs and dead letters to {@code sink} as they are made.
     *
     * @param unchanged whether a digest is the version already published: such a file is not parsed
     * @throws ReadAbandoned when the sink refused to go on
     */
    public IngestedFile ingest(Path root, Path file, IngestSink sink, Predicate<String> unchanged) {
        String relative = RelativePath.of(root, file);
        String fileId = Sha256.of(relative);
        Instant now = clock.instant();
        IngestReport report = new IngestReport(fileId, relative, now, sink);
        try {
            return read(file, relative, fileId, now, report, unchanged);
        } catch (ReadAbandoned e) {
            throw e;
        } catch (IOException e) {
            report.reject(STAGE_READ, e.getClass().getSimpleName(), "cannot read the file: " + e.getMessage(), "", "");
        } catch (RuntimeException e) {
            log.warn("unexpected error ingesting {}", relative, e);
            report.reject(Problem.STAGE_PARSE, e.getClass().getName(), "unexpected error: " + e.getMessage(), "", "");
        }
        return report.build(IngestedFile.Reading.READ);
    }

    private IngestedFile read(Path file, String relative, String fileId, Instant now, IngestReport report,
                              Predicate<String> unchanged) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        report.describe(attributes.size(), attributes.lastModifiedTime().toInstant());
        String fileName = file.getFileName().toString();
        FileFormat promised = FormatDetector.byExtension(fileName).orElse(FileFormat.UNKNOWN);
        if (!attributes.isRegularFile()) {
            // A FIFO would block the reader for ever, a device may never end: never opened.
            report.reject(STAGE_READ, "NotARegularFile", "not a regular file (a FIFO, socket or device); not opened",
                    "", "");
            return report.build(IngestedFile.Reading.READ);
        }
        if (attributes.size() > limits.maxFileBytes()) {
            report.content(Sha256.ofFile(file), promised);
            report.reject(STAGE_READ, "FileTooLarge", "the file is " + attributes.size()
                    + " bytes, over the limit of " + limits.maxFileBytes() + " bytes", "", "");
            return report.build(IngestedFile.Reading.READ);
        }
        FileSurvey survey = FileSurvey.of(file);
        report.content(survey.sha256(), promised);
        if (unchanged.test(survey.sha256())) {
            return report.unchanged();
        }
        if (survey.size() == 0) {
            report.emptyBecause("the file is empty");
            return report.build(IngestedFile.Reading.READ);
        }
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            SourceFile source = new SourceFile(fileId, survey.sha256(), relative, modelFromPath.resolve(relative), now);
            decodeAndParse(file, fileName, in, survey, source, report);
            in.transferTo(OutputStream.nullOutputStream()); // whatever the reader left, for the digest
        }
        String after = Sha256.hex(digest);
        if (!after.equals(survey.sha256())) {
            return report.changedWhileRead(survey.sha256(), after);
        }
        return report.build(IngestedFile.Reading.READ);
    }

    /**
     * The second pass: decodes and parses as it reads. Whatever the parser decides, the text is read
     * to its end, so bytes invalid in the encoding reject the file wherever they are, before any other
     * reason, as when a file was decoded whole before being parsed.
     */
    private void decodeAndParse(Path file, String fileName, InputStream in, FileSurvey survey, SourceFile sourceFile,
                                IngestReport report) throws IOException {
        DecodingReader reader;
        try {
            reader = TextDecoder.open(in, survey.size(), survey.firstNul());
        } catch (UnusableFileException e) {
            rejectUnreadable(e, report);
            return;
        }
        report.warnAll(reader.warnings());
        try {
            SourceReader source = new SourceReader(reader, sourceFile.relativePath(), limits.maxDocumentChars());
            FileFormat format = FormatDetector.detect(fileName, source.prefix());
            report.format(format);
            Normalising sink = new Normalising(sourceFile, report);
            UnusableFileException unusable = null;
            try {
                parse(source, format, sink);
            } catch (UnusableFileException e) {
                unusable = e;
            } catch (TooManyRecords e) {
                unusable = new UnusableFileException("TooManyRecords", "the file holds more than "
                        + limits.maxRecordsPerFile() + " records, the most one file may publish (a file is published "
                        + "in one Kafka transaction, which must commit in time); raise " + RECORDS_LIMIT_OPTION
                        + " to read it", "", "");
            }
            drain(reader);
            TextDecoder.finish(reader);
            if (unusable != null) {
                report.reject(unusable.errorClass().equals("TooManyRecords") ? STAGE_READ : Problem.STAGE_PARSE,
                        unusable.errorClass(), unusable.getMessage(), unusable.excerpt(), unusable.locator());
            } else if (sink.firstWarning != null) {
                report.emptyBecause(sink.firstWarning);
            }
        } catch (MalformedText bad) {
            rejectUnreadable(TextDecoder.invalid(reader, bad, () -> Files.newInputStream(file)), report);
        } catch (UnusableFileException e) { // NUL characters in UTF-16 text
            rejectUnreadable(e, report);
        }
    }

    private void parse(SourceReader source, FileFormat format, RecordSink sink)
            throws IOException, UnusableFileException {
        if (source.prefixIsWhole()) {
            ErrorOnlyContent.check(source.prefix()); // an error message is a few short lines
        }
        Optional<FileParser> parser = parsers.forFormat(format);
        if (parser.isEmpty()) {
            throw new UnusableFileException("UnsupportedFormat", "no parser for " + format
                    + " content (supported: " + InputFormats.names() + ")", source.prefix());
        }
        parser.get().parse(source, sink);
    }

    private static void rejectUnreadable(UnusableFileException e, IngestReport report) {
        if (e.errorClass().equals(TextDecoder.BINARY)) {
            report.format(FileFormat.BINARY);
        }
        report.reject(STAGE_READ, e.errorClass(), e.getMessage(), e.excerpt(), e.locator());
    }

    private static void drain(Reader reader) throws IOException {
        char[] buffer = new char[8192];
        while (reader.read(buffer) >= 0) {
            // decoding is the point: bytes invalid in the encoding throw
        }
    }

    /** Normalises each record as the parser finds it, within the records limit. */
    private final class Normalising implements RecordSink {
        private final SourceFile sourceFile;
        private final IngestReport report;
        private String firstWarning;

        Normalising(SourceFile sourceFile, IngestReport report) {
            this.sourceFile = sourceFile;
            this.report = report;
        }

        @Override
        public void record(RawRecord raw) {
            NormalisedRecord result = normaliser.normalise(raw, sourceFile);
            report.warnAll(result.warnings());
            report.dropped(result.droppedValues());
            if (result.run().isPresent() || result.problem().isPresent()) {
                withinLimit();
            }
            result.run().ifPresent(report::add);
            result.problem().ifPresent(report::add);
        }

        @Override
        public void problem(Problem problem) {
            withinLimit();
            report.add(problem);
        }

        @Override
        public void warning(String warning) {
            report.warn(warning);
            if (firstWarning == null) {
                firstWarning = warning;
            }
        }

        private void withinLimit() {
            if (report.records() >= limits.maxRecordsPerFile()) {
                throw new TooManyRecords();
            }
        }
    }

    /** The file makes more records than one file may publish. */
    private static final class TooManyRecords extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooManyRecords() {
            super(null, null, false, false);
        }
    }

    /** Keeps every run and dead letter (for {@link #ingest(Path, Path)}). */
    private static final class Collected implements IngestSink {
        private final List<BenchmarkRun> runs = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public void run(BenchmarkRun run) {
            runs.add(run);
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            deadLetters.add(deadLetter);
        }

        @Override
        public void discard() {
            runs.clear();
            deadLetters.clear();
        }
    }
}
