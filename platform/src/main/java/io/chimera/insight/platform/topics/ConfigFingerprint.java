package io.chimera.insight.platform.topics;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.schemas.serde.AvroBodyEncoder;
import io.chimera.insight.schemas.serde.Encoded;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

    private final AvroBodyEncoder<ConfigStats> bodies = AvroBodyEncoder.of(ConfigStats.class);
    private final MessageDigest sha256;

    public ConfigFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The fingerprint of {@code stats}, as the aggregation encodes it. */
    public long of(ConfigStats stats) {
        return of(bodies.encode(stats));
    }

    /** The fingerprint of {@code stats} encoded already (the bytes the aggregation sends), not encoded again. */
    public long of(Encoded<ConfigStats> stats) {
        return ofBody(stats.bodyBuffer());
    }

    /** The fingerprint of an encoded {@code ConfigStats}: {@code body} from its position to its limit. */
    public long ofBody(ByteBuffer body) {
        sha256.update(body);
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }
}
