package io.chimera.insight.ingest.parse;

/**
 * Where a parser puts what it reads, as it reads it: nothing of a file is collected in a list, so a
 * file's size does not decide the memory its reading takes. Calls come in file order, on the
 * parser's thread.
 */
public interface RecordSink {

    /** A record found. */
    void record(RawRecord record);

    /** A part that could not be used (it becomes a dead letter; the rest is still read). */
    void problem(Problem problem);

    /** Something noticed and read past (shown on the file event). */
    void warning(String warning);
}
