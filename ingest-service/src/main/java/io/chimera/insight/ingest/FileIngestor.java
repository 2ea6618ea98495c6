package io.chimera.insight.ingest;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.ModelFromPath;
import io.chimera.insight.ingest.normalise.NormalisedRecord;
import io.chimera.insight.ingest.normalise.RunNormaliser;
import io.chimera.insight.ingest.normalise.SourceFile;
import io.chimera.insight.ingest.parse.DecodedText;
import io.chimera.insight.ingest.parse.ErrorOnlyContent;
import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.FormatDetector;
import io.chimera.insight.ingest.parse.InputFormats;
import io.chimera.insight.ingest.parse.ParseResult;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.TextDecoder;
import io.chimera.insight.ingest.parse.UnusableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one benchmark file into its file event, its runs and its dead letters: decode, detect the
 * format, parse, normalise. Pure (no Kafka) and total: bad input of any kind gives a REJECTED,
 * EMPTY or PARTIAL file, never an exception.
 *
 * <p>A file over the size limit is rejected without being loaded (its digest is computed by
 * streaming, so an unchanged oversized file is still recognised on the next scan).
 *
 * <p>Thread-safe: it holds no per-file state, so a watcher may ingest several files at once.
 */
public final class FileIngestor {

    /** Default size limit: far above any rig output seen, far below what would strain the heap. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    static final String STAGE_READ = "ingest.read";

    private static final Logger log = LoggerFactory.getLogger(FileIngestor.class);

    private final long maxFileBytes;
    private final Clock clock;
    private final Parsers parsers;
    private final RunNormaliser normaliser;
    private final ModelFromPath modelFromPath;

    public FileIngestor(MappingRules rules) {
        this(rules, DEFAULT_MAX_FILE_BYTES, Clock.systemUTC());
    }

    public FileIngestor(MappingRules rules, long maxFileBytes, Clock clock) {
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
        this.parsers = new Parsers(rules);
        this.normaliser = new RunNormaliser(rules);
        this.modelFromPath = new ModelFromPath(rules.modelFamilies());
    }

    /**
     * Ingests {@code file}, found under {@code root}; its id is the SHA-256 of its root-relative path.
     */
    public IngestedFile ingest(Path root, Path file) {
        String relative = RelativePath.of(root, file);
        String fileId = Sha256.of(relative);
        Instant now = clock.instant();
        IngestReport report = new IngestReport(fileId, relative, now);
        try {
            read(file, relative, fileId, now, report);
        } catch (IOException e) {
            report.reject(STAGE_READ, e.getClass().getSimpleName(), "cannot read the file: " + e.getMessage(), "", "");
        } catch (RuntimeException e) {
            log.warn("unexpected error ingesting {}", relative, e);
            report.reject(Problem.STAGE_PARSE, e.getClass().getName(), "unexpected error: " + e.getMessage(), "", "");
        }
        return report.build();
    }

    private void read(Path file, String relative, String fileId, Instant now, IngestReport report) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        report.describe(attributes.size(), attributes.lastModifiedTime().toInstant());
        String fileName = file.getFileName().toString();
        if (!attributes.isRegularFile()) {
            // A FIFO would block the reader for ever, a device may never end: never opened.
            report.reject(STAGE_READ, "NotARegularFile", "not a regular file (a FIFO, socket or device); not opened",
                    "", "");
            return;
        }
        if (attributes.size() > maxFileBytes) {
            report.content(Sha256.ofFile(file), FormatDetector.byExtension(fileName).orElse(FileFormat.UNKNOWN));
            report.reject(STAGE_READ, "FileTooLarge", "the file is " + attributes.size()
                    + " bytes, over the limit of " + maxFileBytes + " bytes", "", "");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = Sha256.of(bytes);
        report.content(sha, FormatDetector.byExtension(fileName).orElse(FileFormat.UNKNOWN));
        if (bytes.length == 0) {
            report.emptyBecause("the file is empty");
            return;
        }
        DecodedText decoded;
        try {
            decoded = TextDecoder.decode(bytes);
        } catch (UnusableFileException e) {
            if (e.errorClass().equals(TextDecoder.BINARY)) {
                report.format(FileFormat.BINARY);
            }
            report.reject(STAGE_READ, e.errorClass(), e.getMessage(), e.excerpt(), e.locator());
            return;
        }
        report.warnAll(decoded.warnings());
        FileFormat format = FormatDetector.detect(fileName, decoded.text());
        report.format(format);
        SourceText source = new SourceText(decoded.text(), relative);
        SourceFile sourceFile = new SourceFile(fileId, sha, relative, modelFromPath.resolve(relative), now);
        try {
            ErrorOnlyContent.check(decoded.text());
            Optional<FileParser> parser = parsers.forFormat(format);
            if (parser.isEmpty()) {
                throw new UnusableFileException("UnsupportedFormat", "no parser for " + format
                        + " content (supported: " + InputFormats.names() + ")", decoded.text());
            }
            normalise(parser.get().parse(source), sourceFile, report);
        } catch (UnusableFileException e) {
            report.reject(Problem.STAGE_PARSE, e.errorClass(), e.getMessage(), e.excerpt(), e.locator());
        }
    }

    private void normalise(ParseResult parsed, SourceFile sourceFile, IngestReport report) {
        report.warnAll(parsed.warnings());
        parsed.problems().forEach(report::add);
        for (RawRecord raw : parsed.records()) {
            NormalisedRecord result = normaliser.normalise(raw, sourceFile);
            report.warnAll(result.warnings());
            report.dropped(result.droppedValues());
            result.run().ifPresent(report::add);
            result.problem().ifPresent(report::add);
        }
        if (!parsed.warnings().isEmpty()) {
            report.emptyBecause(parsed.warnings().get(0));
        }
    }
}
