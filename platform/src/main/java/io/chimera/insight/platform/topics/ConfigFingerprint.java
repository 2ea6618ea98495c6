package io.chimera.insight.platform.topics;

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
 * 64 bits of the SHA-256 of a {@code ConfigStats}' Avro binary encoding, the body of its
 * {@code config-metrics} record (after the wire format's magic byte and schema id). The aggregation
 * keeps it per published configuration, to tell whether an emission changed it, and sums those of a
 * model's configurations into {@code ModelMetrics.configsDigest}; a reader sums those of the records it
 * read ({@link #ofBody}) and so knows whether it holds exactly the configurations the model record
 * counts. Equal statistics encode alike: their maps are built in a fixed order (config keys sorted,
 * metrics by name). A collision (2^-64) would let a reader take a configuration one emission old.
 *
 * <p>Not thread-safe (one per stream task, or per reader).
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

    /** The fingerprint of {@code stats}, as the aggregation encodes it. */
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

    /** The fingerprint of an encoded {@code ConfigStats}: {@code body} from its position to its limit. */
    public long ofBody(ByteBuffer body) {
        sha256.update(body);
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }
}
