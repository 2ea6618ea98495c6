package io.chimera.insight.ingest.parse;

/** Reads the records of one file format. */
public interface FileParser {

    /**
     * Reads {@code source}. Problems with parts of the file are reported in the result; a file that
     * is unusable as a whole is thrown.
     */
    ParseResult parse(SourceText source) throws UnusableFileException;
}
