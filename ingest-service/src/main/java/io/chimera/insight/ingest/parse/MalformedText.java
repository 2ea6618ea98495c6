package io.chimera.insight.ingest.parse;

import java.io.IOException;

/**
 * Decoding met bytes that are not valid in the encoding decided for the file: thrown by
 * {@link DecodingReader} (a {@link java.io.Reader} may only throw I/O errors), turned into the
 * file's rejection by {@link TextDecoder#invalid}.
 */
public final class MalformedText extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    MalformedText(long offset) {
        super("malformed input at byte offset " + offset);
        this.offset = offset;
    }

    /** The offset in the file of the first byte of the bad sequence. */
    public long offset() {
        return offset;
    }
}
