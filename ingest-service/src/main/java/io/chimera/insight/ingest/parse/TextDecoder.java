package io.chimera.insight.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    public static DecodedText decode(byte[] bytes) throws UnusableFileException {
        List<String> warnings = new ArrayList<>();
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8, warnings);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, warnings);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, warnings);
        }
        if (startsWith(bytes, 0xC3, 0xBF, 0xC3, 0xBE)) {
            warnings.add("the UTF-16LE byte-order mark was re-encoded as UTF-8; read the rest as UTF-16LE");
            return strict(bytes, 4, StandardCharsets.UTF_16LE, warnings);
        }
        Charset utf16 = unmarkedUtf16(bytes);
        if (utf16 != null) {
            warnings.add("no byte-order mark; recognised " + utf16.name() + " by its zero bytes");
            return strict(bytes, 0, utf16, warnings);
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            throw binary("holds NUL bytes (first at offset " + nul + ")", bytes);
        }
        return strict(bytes, 0, StandardCharsets.UTF_8, warnings);
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

    private static DecodedText strict(byte[] bytes, int offset, Charset charset, List<String> warnings)
            throws UnusableFileException {
        byte[] content = bytes;
        boolean utf16 = charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE);
        if (utf16 && (bytes.length - offset) % 2 != 0) {
            // A UTF-16 file damaged by a text-mode copy (LF -> CRLF) ends on half a character.
            content = Arrays.copyOf(bytes, bytes.length - 1);
            warnings.add("odd number of bytes for " + charset.name() + "; ignored the last byte");
        }
        String text;
        try {
            text = decodeStrictly(content, offset, charset);
        } catch (MalformedAt e) {
            throw invalid(charset, e.offset, content);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw binary("decodes as " + charset.name() + " but holds NUL characters", bytes);
        }
        return new DecodedText(text, charset, warnings);
    }

    /** Decodes with {@link CodingErrorAction#REPORT}; the error names the offset of the first bad byte. */
    private static String decodeStrictly(byte[] bytes, int offset, Charset charset) throws MalformedAt {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset); // no charset here makes more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new MalformedAt(in.position());
        }
        return out.flip().toString();
    }

    private static UnusableFileException invalid(Charset charset, int offset, byte[] bytes) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return binary("is not valid " + charset.name() + " text (at byte offset " + offset + ")", bytes);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int from = Math.max(lineStart, offset - EXCERPT_BYTES / 2);
        int to = offset;
        while (to < bytes.length && bytes[to] != '\n' && to - from < EXCERPT_BYTES) {
            to++;
        }
        return new UnusableFileException(INVALID_UTF8, "invalid UTF-8 at byte offset " + offset + " (line " + line
                + "); the file is not read in any other encoding", escaped(bytes, from, to),
                "byte " + offset);
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

    /** Decoding stopped at a byte sequence that is not valid in the charset. */
    private static final class MalformedAt extends Exception {

        private static final long serialVersionUID = 1L;

        private final int offset;

        MalformedAt(int offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
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
