package io.chimera.insight.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
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
 * Otherwise NUL bytes mean binary; strict UTF-8 is tried; bytes that are not UTF-8 but hold no
 * control characters are read as windows-1252 (an old spreadsheet export) with a warning; anything
 * else is binary.
 */
public final class TextDecoder {

    public static final String BINARY = "BinaryContent";

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
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
        try {
            return new DecodedText(decodeStrictly(bytes, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8, warnings);
        } catch (CharacterCodingException notUtf8) {
            if (hasControlBytes(bytes)) {
                throw binary("is neither UTF-8 nor UTF-16 text and holds control bytes", bytes);
            }
            warnings.add("not valid UTF-8; read as windows-1252");
            return new DecodedText(new String(bytes, WINDOWS_1252), WINDOWS_1252, warnings);
        }
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
        try {
            String text = decodeStrictly(content, offset, charset);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (text.indexOf('\u0000') >= 0) {
                throw binary("decodes as " + charset.name() + " but holds NUL characters", bytes);
            }
            return new DecodedText(text, charset, warnings);
        } catch (CharacterCodingException e) {
            throw binary("is not valid " + charset.name() + " text", bytes);
        }
    }

    private static String decodeStrictly(byte[] bytes, int offset, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                .toString();
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

    private static boolean hasControlBytes(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f') {
                return true;
            }
        }
        return false;
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
