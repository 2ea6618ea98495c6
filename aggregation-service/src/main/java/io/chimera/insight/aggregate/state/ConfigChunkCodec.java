package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A {@code change-file-configs} entry, a {@link ConfigChunk}: format byte 0, the count, then each
 * config key, then, when the count byte's top bit is set (a file's first chunk, since 2026-12-06), the
 * file version's sha256 and path. The count is at most {@link ConfigChunk#CAPACITY}, so the bit was
 * never set in a chunk written before: those read as chunks without the file's fields. Reads the earlier layout too (until 2026-12-06: one entry per (model, file,
 * configuration), its value the config key's bare UTF-8, written with {@code Serdes.String()}) as a
 * chunk of that one configuration. Format 0, not the next number, because the earlier values have no
 * format byte: a config key holds no NUL ({@link StateKeys}), so a value whose first byte is 0 is a
 * chunk, and any other value (the empty config key's empty one included) an earlier entry.
 */
public final class ConfigChunkCodec extends StateCodec<ConfigChunk> {

    private static final byte FORMAT = 0;
    /** The count byte's flag: the file's fields follow the configurations. */
    private static final int WITH_FILE = 0x80;

    public ConfigChunkCodec() {
        super(FORMAT);
    }

    /** The store's serde: {@link #serde()}, and an empty value (an earlier entry of the empty config key) read as one. */
    public Serde<ConfigChunk> storeSerde() {
        Serde<ConfigChunk> chunks = serde();
        return Serdes.serdeFrom(chunks.serializer(), (topic, bytes) ->
                bytes != null && bytes.length == 0 ? new ConfigChunk(Set.of("")) : chunks.deserializer().deserialize(topic, bytes));
    }

    @Override
    void write(DataOutput out, ConfigChunk value) throws IOException {
        ChangeFile file = value.file();
        out.writeByte(value.configs().size() | (file == null ? 0 : WITH_FILE));
        // Each config key, written as it was added (ConfigChunk.encodedConfigs).
        value.encodedConfigs().writeTo(out);
        if (file != null) {
            writeString(out, file.sha256());
            writeString(out, file.path());
        }
    }

    @Override
    ConfigChunk read(DataInput in) throws IOException {
        int countByte = in.readUnsignedByte();
        int count = countByte & ~WITH_FILE;
        if (count > ConfigChunk.CAPACITY) {
            throw new IOException("a chunk of " + count + " configurations, at most " + ConfigChunk.CAPACITY + " are written");
        }
        Set<String> configs = new LinkedHashSet<>(count * 2);
        for (int i = 0; i < count; i++) {
            configs.add(readString(in));
        }
        ChangeFile file = (countByte & WITH_FILE) == 0 ? null : new ChangeFile(readString(in), readString(in));
        return new ConfigChunk(configs, file);
    }

    @Override
    boolean readsEarlier(byte found) {
        return found != FORMAT;
    }

    /** An earlier entry: {@code found} is the first byte of its config key's UTF-8, the rest follows. */
    @Override
    ConfigChunk readEarlier(DataInput in, byte found) throws IOException {
        byte[] rest = ((InputStream) in).readAllBytes();
        byte[] utf8 = new byte[rest.length + 1];
        utf8[0] = found;
        System.arraycopy(rest, 0, utf8, 1, rest.length);
        return new ConfigChunk(Set.of(new String(utf8, StandardCharsets.UTF_8)));
    }
}
