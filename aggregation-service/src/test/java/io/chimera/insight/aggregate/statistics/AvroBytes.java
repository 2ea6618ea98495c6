package io.chimera.insight.aggregate.statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** A generated Avro record's single-object encoding as bytes, for tests that compare records byte for byte. */
final class AvroBytes {

    /** A generated record's {@code toByteBuffer}. */
    @FunctionalInterface
    interface Encoding {
        ByteBuffer encode() throws IOException;
    }

    private AvroBytes() {
    }

    static byte[] of(Encoding encoding) {
        try {
            ByteBuffer buffer = encoding.encode();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
