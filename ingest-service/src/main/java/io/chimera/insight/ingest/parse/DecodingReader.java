package io.chimera.insight.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * The text of a file decoded strictly ({@link CodingErrorAction#REPORT}) as it is read, a buffer at
 * a time: memory does not grow with the file. Bytes that are not valid in the encoding throw
 * {@link MalformedText} naming their offset in the file; {@link TextDecoder#open} decides the
 * encoding from the first bytes, as {@link TextDecoder#decode} does for a whole file.
 */
public final class DecodingReader extends Reader {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final Charset charset;
    private final List<String> warnings;
    private final byte[] head;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    /** Offset in the file of {@code bytes}' first byte. */
    private long base;
    /** Bytes still to read from {@code in}: all of them, or all but a UTF-16 file's odd last byte. */
    private long remaining;
    private boolean endOfInput;
    private boolean started;
    private boolean holdsNul;
    private boolean flushed;

    DecodingReader(InputStream in, byte[] head, int skip, long remaining, Charset charset, List<String> warnings) {
        this.in = in;
        this.charset = charset;
        this.warnings = List.copyOf(warnings);
        this.head = head;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.base = skip;
        int fromHead = (int) Math.min(head.length - skip, Math.max(0, remaining));
        bytes.put(head, skip, fromHead);
        bytes.flip();
        this.remaining = remaining - fromHead;
        chars.flip();
    }

    /** The encoding the text is read in. */
    public Charset charset() {
        return charset;
    }

    /** How the encoding was decided, when that was not plain UTF-8. */
    public List<String> warnings() {
        return warnings;
    }

    /** The first bytes of the file, as read to decide the encoding (for the excerpt of a binary file). */
    byte[] head() {
        return head.clone();
    }

    /** Whether a NUL character was decoded so far (UTF-16 text holding one is binary). */
    public boolean holdsNul() {
        return holdsNul;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes the next chars; false at the end of the text. */
    private boolean fill() throws IOException {
        while (true) {
            chars.clear();
            boolean ended = decodeSome();
            chars.flip();
            if (!started && chars.hasRemaining()) {
                started = true;
                if (chars.get(0) == '\uFEFF') { // a mark inside the text (after the one that decided the encoding)
                    chars.get();
                }
            }
            for (int i = chars.position(); i < chars.limit() && !holdsNul; i++) {
                holdsNul = chars.get(i) == '\u0000';
            }
            if (chars.hasRemaining()) {
                return true;
            }
            if (ended) {
                return false;
            }
        }
    }

    /** Decodes into {@code chars} until some are made or the input ends; true once it has ended. */
    private boolean decodeSome() throws IOException {
        while (!flushed) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                throw new MalformedText(base + bytes.position());
            }
            if (chars.position() > 0) {
                return false;
            }
            if (endOfInput) {
                flushed = true;
                if (decoder.flush(chars).isError()) {
                    throw new MalformedText(base + bytes.position());
                }
                return true;
            }
            refill();
        }
        return true;
    }

    private void refill() throws IOException {
        base += bytes.position();
        bytes.compact();
        int room = (int) Math.min(bytes.remaining(), remaining);
        int n = room == 0 ? -1 : in.read(bytes.array(), bytes.position(), room);
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
            remaining -= n;
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
