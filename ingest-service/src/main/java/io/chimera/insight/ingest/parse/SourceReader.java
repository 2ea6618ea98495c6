package io.chimera.insight.ingest.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * A file's text as it is decoded, for a parser to read once, front to back; with its first
 * {@value #PREFIX_CHARS} characters at hand for what is decided by looking ahead (the format, a CSV
 * delimiter, whether the file is only an error message).
 *
 * <p>A format whose records may take context from anywhere in the document (a JSON object,
 * Markdown) reads it whole with {@link #readWhole}, which refuses a document over the limit given
 * here instead of growing without bound.
 */
public final class SourceReader {

    /** Characters looked at before reading: ample for 20 lines of any rig table, small beside any window. */
    public static final int PREFIX_CHARS = 64 * 1024;

    /** The option that sets {@link #readWhole}'s limit, named in the rejection of a larger document. */
    public static final String DOCUMENT_LIMIT_OPTION = "--max-document-size";

    private final BufferedReader reader;
    private final String relativePath;
    private final long maxDocumentChars;
    private final String prefix;
    private final boolean whole;

    /**
     * @param maxDocumentChars the most characters {@link #readWhole} holds
     */
    public SourceReader(Reader text, String relativePath, long maxDocumentChars) throws IOException {
        this.reader = new Unclosed(text, PREFIX_CHARS + 1);
        this.relativePath = relativePath;
        this.maxDocumentChars = maxDocumentChars;
        char[] head = new char[PREFIX_CHARS + 1];
        reader.mark(head.length);
        int n = 0;
        for (int r = 0; r >= 0 && n < head.length; n += r) {
            r = reader.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
        }
        reader.reset();
        this.whole = n <= PREFIX_CHARS;
        this.prefix = new String(head, 0, Math.min(n, PREFIX_CHARS));
    }

    /** A text already in memory (tests, benchmarks): no document limit. */
    public static SourceReader of(SourceText source) {
        try {
            return new SourceReader(new StringReader(source.text()), source.relativePath(), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new IllegalStateException("a string reader does no I/O", e);
        }
    }

    /** The path relative to the scanned root, {@code /}-separated. */
    public String relativePath() {
        return relativePath;
    }

    /** The file name without folders. */
    public String fileName() {
        return new SourceText("", relativePath).fileName();
    }

    /** The first {@value #PREFIX_CHARS} characters of the text (all of it, when {@link #prefixIsWhole}). */
    public String prefix() {
        return prefix;
    }

    /** Whether {@link #prefix} is the whole text. */
    public boolean prefixIsWhole() {
        return whole;
    }

    /** The text from where reading stands; read it once. Closing it does nothing: the file's reader owns it. */
    public BufferedReader reader() {
        return reader;
    }

    /**
     * The whole text, for a format read as one document.
     *
     * @param what the kind of document, for the message ("a JSON document whose root is not an array")
     * @throws UnusableFileException when the text is over the document limit; the rest is left unread
     */
    public SourceText readWhole(String what) throws IOException, UnusableFileException {
        StringBuilder text = new StringBuilder((int) Math.min(maxDocumentChars, PREFIX_CHARS));
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            if (text.length() + (long) n > maxDocumentChars) {
                throw new UnusableFileException("DocumentTooLarge", what + " is read whole, and this one is over the "
                        + "limit of " + maxDocumentChars + " characters (" + DOCUMENT_LIMIT_OPTION + ")",
                        prefix.substring(0, Math.min(512, prefix.length())));
            }
            text.append(buffer, 0, n);
        }
        return new SourceText(text.toString(), relativePath);
    }

    /**
     * Parsers close what they read (commons-csv, Jackson), but the text must stay open after them: it
     * is read to its end, so the digest covers the whole file and invalid bytes anywhere are found.
     */
    private static final class Unclosed extends BufferedReader {

        Unclosed(Reader in, int size) {
            super(in, size);
        }

        @Override
        public void close() {
            // the owner of the underlying stream closes it
        }
    }
}
