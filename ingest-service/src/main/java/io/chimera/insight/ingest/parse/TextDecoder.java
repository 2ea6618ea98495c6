package io.chimera.insight.ingest.parse;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a file's bytes into text, or decides they are not text.
 *
 * <p>In order: a byte-order mark (UTF-8, UTF-16LE/BE) decides; so does a UTF-16LE mark that was
 * itself re-encoded as UTF-8 ({@code C3 BF C3 BE}, what PowerShell redirection on Windows produces,
 * seen in the corpus); UTF-16 without a mark is recognised by its zero bytes falling on one parity.
 * Otherwise NUL bytes mean binary, and the text must be UTF-8. Every decoding is strict
 * ({@link CodingErrorAction#REPORT}): there is no guessed fallback (a Latin-1 reading of bytes that
 * are not UTF-8 put {@code ÿþ} into model names), so bytes that are not valid in the encoding
 * decided reject the file, naming the byte offset of the first bad sequence ({@link #INVALID_UTF8}
 * for UTF-8). No format read here declares its encoding in the file, so none is looked for.
 *
 * <p>Files are decoded as they are read ({@link #open}: the encoding is decided from the first
 * 4 KiB), so a file's text never has to be held whole.
 */
public final class TextDecoder {

    public static final String BINARY = "BinaryContent";
    /** The error class of text that is neither marked nor recognised as UTF-16 and is not valid UTF-8. */
    public static final String INVALID_UTF8 = "InvalidUtf8";

    /** Bytes of the offending line shown in the excerpt of a rejected file, at most (half before the bad one). */
    private static final int EXCERPT_BYTES = 200;
    private static final int SNIFF_BYTES = 4096;

    private TextDecoder() {
    }

    /** Decodes a whole file held in memory: as {@link #open}, read to its end. */
    public static DecodedText decode(byte[] bytes) throws UnusableFileException {
        try {
            DecodingReader reader = open(new ByteArrayInputStream(bytes), bytes.length, indexOf(bytes, (byte) 0));
            StringBuilder text = new StringBuilder(bytes.length);
            char[] buffer = new char[8192];
            try {
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                    text.append(buffer, 0, n);
                }
            } catch (MalformedText e) {
                throw invalid(reader, e, () -> new ByteArrayInputStream(bytes));
            }
            finish(reader);
            return new DecodedText(text.toString(), reader.charset(), reader.warnings());
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory does no I/O", e);
        }
    }

    /**
     * Decides how the file read by {@code in} is decoded, from its first bytes, and returns its text as
     * a reader that decodes strictly as it goes (bytes invalid in the encoding throw {@link MalformedText};
     * {@link #invalid} turns that into the file's rejection).
     *
     * <p>In order: a byte-order mark decides; a UTF-16LE mark re-encoded as UTF-8; UTF-16 recognised
     * without a mark by its zero bytes; otherwise a NUL byte anywhere means binary, and the text must
     * be UTF-8.
     *
     * @param size      the file's length in bytes (a UTF-16 file's odd last byte is left out)
     * @param firstNul  offset of the file's first NUL byte, or -1 (found by the pass that digests it)
     */
    public static DecodingReader open(InputStream in, long size, long firstNul) throws IOException,
            UnusableFileException {
        byte[] head = in.readNBytes(SNIFF_BYTES);
        List<String> warnings = new ArrayList<>();
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return reader(in, head, 3, size, StandardCharsets.UTF_8, warnings);
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return reader(in, head, 2, size, StandardCharsets.UTF_16LE, warnings);
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return reader(in, head, 2, size, StandardCharsets.UTF_16BE, warnings);
        }
        if (startsWith(head, 0xC3, 0xBF, 0xC3, 0xBE)) {
            warnings.add("the UTF-16LE byte-order mark was re-encoded as UTF-8; read the rest as UTF-16LE");
            return reader(in, head, 4, size, StandardCharsets.UTF_16LE, warnings);
        }
        Charset utf16 = unmarkedUtf16(head);
        if (utf16 != null) {
            warnings.add("no byte-order mark; recognised " + utf16.name() + " by its zero bytes");
            return reader(in, head, 0, size, utf16, warnings);
        }
        if (firstNul >= 0) {
            throw binary("holds NUL bytes (first at offset " + firstNul + ")", head);
        }
        return reader(in, head, 0, size, StandardCharsets.UTF_8, warnings);
    }

    /** Once the text was read to its end: UTF-16 text holding NUL characters is binary all the same. */
    public static void finish(DecodingReader reader) throws UnusableFileException {
        if (reader.holdsNul()) {
            throw binary("decodes as " + reader.charset().name() + " but holds NUL characters", reader.head());
        }
    }

    /** Opens the file again from its start, for {@link #invalid} to find the line around a bad byte. */
    @FunctionalInterface
    public interface Reopen {
        InputStream open() throws IOException;
    }

    /**
     * The rejection of a file whose bytes at {@code bad.offset()} are not valid in the encoding of
     * {@code reader}: for UTF-8, naming the byte offset and line, with the line around it (found by
     * reading the file again up to there); for UTF-16, as binary.
     */
    public static UnusableFileException invalid(DecodingReader reader, MalformedText bad, Reopen again)
            throws IOException {
        long offset = bad.offset();
        if (!reader.charset().equals(StandardCharsets.UTF_8)) {
            return binary("is not valid " + reader.charset().name() + " text (at byte offset " + offset + ")",
                    reader.head());
        }
        try (InputStream in = new BufferedInputStream(again.open())) {
            return locate(in, offset);
        }
    }

    /** Reads up to the bad byte at {@code offset} and a little past it: its line number and the excerpt. */
    private static UnusableFileException locate(InputStream in, long offset) throws IOException {
        int before = EXCERPT_BYTES / 2;
        byte[] recent = new byte[before]; // the bytes just before the current one, as a ring
        long line = 1;
        long lineStart = 0;
        for (long i = 0; i < offset; i++) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            recent[(int) (i % before)] = (byte) b;
            if (b == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        long from = Math.max(lineStart, offset - before);
        ByteArrayOutputStream excerpt = new ByteArrayOutputStream(EXCERPT_BYTES);
        for (long i = from; i < offset; i++) {
            excerpt.write(recent[(int) (i % before)]);
        }
        for (long to = offset; to - from < EXCERPT_BYTES; to++) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            excerpt.write(b);
        }
        byte[] shown = excerpt.toByteArray();
        return new UnusableFileException(INVALID_UTF8, "invalid UTF-8 at byte offset " + offset + " (line " + line
                + "); the file is not read in any other encoding", escaped(shown, 0, shown.length),
                "byte " + offset);
    }

    private static DecodingReader reader(InputStream in, byte[] head, int skip, long size, Charset charset,
                                         List<String> warnings) {
        long remaining = size - skip;
        boolean utf16 = charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE);
        if (utf16 && remaining % 2 != 0) {
            // A UTF-16 file damaged by a text-mode copy (LF -> CRLF) ends on half a character.
            remaining--;
            warnings.add("odd number of bytes for " + charset.name() + "; ignored the last byte");
        } else if (!utf16) {
            remaining = Long.MAX_VALUE; // read to the end, whatever the size said
        }
        return new DecodingReader(in, head, skip, remaining, charset, warnings);
    }

    /** A printable rendering of the first bytes, for the excerpt of a rejected binary file. */
    public static String printablePrefix(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return text.toString();
    }

    /** The bytes as text, ASCII as it is and every other byte as {@code \xNN}. */
    private static String escaped(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.toString();
    }

    /** UTF-16 without a mark: ASCII-range text has a zero in every other byte, always the same parity. */
    private static Charset unmarkedUtf16(byte[] bytes) {
        int n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
        if (n < 8) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            if (bytes[i] == 0) {
                evenZeros++;
            }
            if (bytes[i + 1] == 0) {
                oddZeros++;
            }
        }
        int pairs = n / 2;
        if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static UnusableFileException binary(String reason, byte[] bytes) {
        return new UnusableFileException(BINARY, "binary content: the file " + reason, printablePrefix(bytes, 128));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
