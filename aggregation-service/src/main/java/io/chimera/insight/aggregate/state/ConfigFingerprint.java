package io.chimera.insight.aggregate.state;

import io.chimera.insight.events.ConfigStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * 64 bits of the SHA-256 of a {@code ConfigStats}' Avro encoding: what the aggregation keeps of a
 * configuration it published, to tell whether an emission changed it. Its maps are built in a fixed
 * order (config keys sorted, metrics by name), so equal statistics encode, and hash, alike; a
 * collision (2^-64) would leave one configuration's record one emission behind.
 *
 * <p>Not thread-safe (a stream task's own).
 */
public final class ConfigFingerprint {

    private final DatumWriter<ConfigStats> writer = new SpecificDatumWriter<>(ConfigStats.class);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final MessageDigest sha256;
    private BinaryEncoder encoder;

    public ConfigFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The fingerprint of {@code stats}. */
    public long of(ConfigStats stats) {
        bytes.reset();
        encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
        try {
            writer.write(stats, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding into memory cannot fail", e);
        }
        return ByteBuffer.wrap(sha256.digest(bytes.toByteArray())).getLong();
    }
}
