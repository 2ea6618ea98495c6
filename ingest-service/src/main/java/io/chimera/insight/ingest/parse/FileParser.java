package io.chimera.insight.ingest.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the records of one file format. */
public interface FileParser {

    /**
     * Reads {@code source} once, front to back, handing each record, problem and warning to
     * {@code sink} as it is found. Problems with parts of the file go to the sink; a file that is
     * unusable as a whole is thrown (what the sink got is then to be discarded).
     *
     * @throws IOException when the text cannot be read (bytes invalid in its encoding: {@link MalformedText})
     */
    void parse(SourceReader source, RecordSink sink) throws IOException, UnusableFileException;

    /** Reads a text held in memory and collects what it holds (tests, benchmarks). */
    default ParseResult parse(SourceText source) throws UnusableFileException {
        List<RawRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            parse(SourceReader.of(source), new RecordSink() {
                @Override
                public void record(RawRecord record) {
                    records.add(record);
                }

                @Override
                public void problem(Problem problem) {
                    problems.add(problem);
                }

                @Override
                public void warning(String warning) {
                    warnings.add(warning);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string does no I/O", e);
        }
        return new ParseResult(records, problems, warnings);
    }
}
