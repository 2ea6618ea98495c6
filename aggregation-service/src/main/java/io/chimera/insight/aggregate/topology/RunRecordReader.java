package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.RunMetrics;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.serde.AvroDeserializer;
import io.chimera.insight.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@code benchmark-runs} records written with the aggregation's own {@code BenchmarkRun} schema straight
 * from their bytes, and hands every other record to the generic deserializer, which reads it as it always did.
 *
 * <p>Why: Avro's reader resolves each field through its resolving decoder, builds a {@code HashMap} of
 * {@code Metric} records and a new string for every name, unit and source name of every run (the profile's
 * decode, about 1.2–1.6 µs a run, see docs/benchmarks.md), although a rig's runs name the same metrics, units,
 * configuration keys and files run after run. This reader keeps, per position, the bytes and string it read
 * last, so a repeated name costs a byte comparison and no string, and puts the metrics by position into a
 * {@link RunMetrics}, which {@code RunValues} reads without a lookup.
 *
 * <p>What it reads is equal to what the generic deserializer reads from the same bytes, maps in the same
 * iteration order. The writer's schema is resolved through the registry as the generic deserializer does (the
 * id after the magic byte); this reader takes a record only when that schema has the reader's layout (the same
 * Avro parsing canonical form, so the same bytes mean the same fields), and anything it does not expect (a
 * truncated record, a length or count past the bytes, an enum or union index out of range, a map key twice, an
 * encoding Avro would read differently) makes it give the record to the generic deserializer, which then
 * decodes it or throws exactly as before: what is dead-lettered stays what was dead-lettered.
 *
 * <p>Not thread-safe: one per stream task (its {@link RunDecoder}'s). Public for the bench's JMH benchmark.
 */
public final class RunRecordReader {

    /** The layout this reader knows: the generated class's schema, in Avro's parsing canonical form. */
    private static final long OWN_LAYOUT = SchemaNormalization.parsingFingerprint64(BenchmarkRun.getClassSchema());
    private static final RecordKind[] KINDS = RecordKind.values();
    /**
     * Whether Avro reads our records with its fast reader ({@code FastReaderBuilder}, the default since 1.10), whose
     * maps are {@code new HashMap<>()}; its older reader sizes them by their first block's count. Either way this
     * reader's maps iterate in the order of that reader's.
     */
    private static final boolean AVRO_FAST_READER =
            SpecificData.getForSchema(BenchmarkRun.getClassSchema()).isFastReaderEnabled();
    /** The positions of a map whose strings are kept from record to record; later ones are read afresh. */
    static final int KEPT_POSITIONS = 64;
    /** Writer schema ids whose layout was looked at, kept at most (a registry holds a handful). */
    private static final int KEPT_IDS = 1_024;

    private final Deserializer<BenchmarkRun> generic;
    /** The registry the generic deserializer resolves writer schemas through; null when this reader takes no record. */
    private final SchemaRegistry registry;
    private final Map<Integer, Boolean> ownLayoutById = new HashMap<>();

    private final KeptString fileId = new KeptString();
    private final KeptString fileSha256 = new KeptString();
    private final KeptString path = new KeptString();
    private final KeptString model = new KeptString();
    private final KeptString error = new KeptString();
    private final KeptString[] configKeys = KeptString.positions();
    private final KeptString[] configValues = KeptString.positions();
    private final KeptString[] metricNames = KeptString.positions();
    private final KeptString[] metricUnits = KeptString.positions();
    private final KeptString[] metricSources = KeptString.positions();

    /** The metrics of the record being read, in the record's order (grown as needed). */
    private String[] names = new String[16];
    private String[] units = new String[16];
    private String[] sources = new String[16];
    private double[] values = new double[16];
    /** The names, first block's count and iteration order of the last record's metrics ({@link #hashOrder}). */
    private String[] orderedNames = new String[0];
    private int orderedFirstBlock = -1;
    private int[] order = new int[0];

    /** The record being read, and where. */
    private byte[] bytes;
    private int pos;

    private long ownReads;

    /** Beside {@code generic}, the deserializer of {@code benchmark-runs} values (its registry is this reader's). */
    public RunRecordReader(Deserializer<BenchmarkRun> generic) {
        this.generic = generic;
        this.registry = generic instanceof AvroDeserializer<?> avro
                && SchemaNormalization.parsingFingerprint64(avro.readerSchema()) == OWN_LAYOUT ? avro.registry() : null;
    }

    /** The run in {@code data}, as the generic deserializer would read it; throws what it would throw. */
    public BenchmarkRun read(String topic, Headers headers, byte[] data) {
        int schemaId = WireFormat.schemaIdOrNone(data);
        if (registry != null && schemaId >= 0 && ownLayout(schemaId)) {
            BenchmarkRun run = readOwn(data);
            if (run != null) {
                ownReads++;
                return run;
            }
        }
        return generic.deserialize(topic, headers, data);
    }

    /** How many records this reader read itself, not through the generic deserializer (for tests). */
    long ownReads() {
        return ownReads;
    }

    private boolean ownLayout(int id) {
        Boolean own = ownLayoutById.get(id);
        if (own == null) {
            Schema writer;
            try {
                writer = registry.getById(id);
            } catch (RuntimeException e) {
                // Unknown id or registry trouble: the generic deserializer asks again and fails as it always did.
                return false;
            }
            own = SchemaNormalization.parsingFingerprint64(writer) == OWN_LAYOUT;
            if (ownLayoutById.size() >= KEPT_IDS) {
                ownLayoutById.clear();
            }
            ownLayoutById.put(id, own);
        }
        return own;
    }

    /** The record's run, read field by field in the schema's order; null when anything is not as expected. */
    private BenchmarkRun readOwn(byte[] data) {
        bytes = data;
        pos = WireFormat.HEADER_SIZE;
        try {
            String runId = freshString();
            String file = string(fileId);
            String sha256 = string(fileSha256);
            String filePath = string(path);
            String locator = freshString();
            int kind = readInt();
            if (kind < 0 || kind >= KINDS.length) {
                return null;
            }
            String modelName = string(model);
            Map<String, String> config = readConfig();
            RunMetrics metrics = readMetrics();
            boolean ok = readBoolean();
            String errorText = switch (readInt()) {
                case 0 -> null;
                case 1 -> string(error);
                default -> throw Malformed.INSTANCE;
            };
            Instant observedAt = switch (readInt()) {
                case 0 -> null;
                case 1 -> Instant.ofEpochMilli(readLong());
                default -> throw Malformed.INSTANCE;
            };
            Instant ingestedAt = Instant.ofEpochMilli(readLong());
            return new BenchmarkRun(runId, file, sha256, filePath, locator, KINDS[kind], modelName, config, metrics, ok,
                    errorText, observedAt, ingestedAt);
        } catch (Malformed e) {
            return null;
        } finally {
            bytes = null;
        }
    }

    /** The configuration map, built as Avro's reader builds it: a {@code HashMap} ({@link #avroMap}), filled in order. */
    private Map<String, String> readConfig() {
        long count = readCount();
        Map<String, String> config = avroMap((int) count);
        int position = 0;
        while (count > 0) {
            for (long i = 0; i < count; i++, position++) {
                String key = position < KEPT_POSITIONS ? string(configKeys[position]) : freshString();
                String value = position < KEPT_POSITIONS ? string(configValues[position]) : freshString();
                config.put(key, value);
            }
            count = readCount();
        }
        return config;
    }

    private RunMetrics readMetrics() {
        long count = readCount();
        int firstBlock = (int) count;
        int n = 0;
        while (count > 0) {
            for (long i = 0; i < count; i++, n++) {
                if (n == names.length) {
                    grow();
                }
                boolean kept = n < KEPT_POSITIONS;
                names[n] = kept ? string(metricNames[n]) : freshString();
                values[n] = readDouble();
                units[n] = kept ? string(metricUnits[n]) : freshString();
                sources[n] = kept ? string(metricSources[n]) : freshString();
            }
            count = readCount();
        }
        int[] hashOrder = hashOrder(n, firstBlock);
        String[] orderedNamesOut = new String[n];
        String[] unitsOut = new String[n];
        String[] sourcesOut = new String[n];
        double[] valuesOut = new double[n];
        for (int i = 0; i < n; i++) {
            int from = hashOrder[i];
            orderedNamesOut[i] = names[from];
            unitsOut[i] = units[from];
            sourcesOut[i] = sources[from];
            valuesOut[i] = values[from];
        }
        return new RunMetrics(orderedNamesOut, unitsOut, sourcesOut, valuesOut);
    }

    /**
     * The order in which Avro's {@code HashMap} ({@link #avroMap}, filled in the record's order)
     * iterates the metrics' names: the record's positions, in that order. Worked out again only when the names
     * differ from the last record's (kept names are the same string objects when their bytes are the same).
     */
    private int[] hashOrder(int n, int firstBlock) {
        if (n == orderedNames.length && firstBlock == orderedFirstBlock && samePrefix(names, orderedNames, n)) {
            return order;
        }
        Map<String, Integer> positions = avroMap(firstBlock);
        for (int i = 0; i < n; i++) {
            if (positions.put(names[i], i) != null) {
                // A name twice: Avro's map keeps the last value under the first key's place. Left to it.
                throw Malformed.INSTANCE;
            }
        }
        int[] hashOrder = new int[n];
        int i = 0;
        for (int position : positions.values()) {
            hashOrder[i++] = position;
        }
        orderedNames = Arrays.copyOf(names, n);
        orderedFirstBlock = firstBlock;
        order = hashOrder;
        return hashOrder;
    }

    /** A map as Avro's reader makes one for a map whose first block holds {@code firstBlock} items. */
    private static <V> Map<String, V> avroMap(int firstBlock) {
        return AVRO_FAST_READER ? new HashMap<>() : new HashMap<>(firstBlock);
    }

    private static boolean samePrefix(String[] a, String[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int size = names.length * 2;
        names = Arrays.copyOf(names, size);
        units = Arrays.copyOf(units, size);
        sources = Arrays.copyOf(sources, size);
        values = Arrays.copyOf(values, size);
    }

    /** A map block's item count, as Avro reads it: a negative count is followed by the block's size in bytes. */
    private long readCount() {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        // Every item takes a byte at least: a count past the record's end is not this reader's to judge.
        if (count > bytes.length - pos) {
            throw Malformed.INSTANCE;
        }
        return count;
    }

    private String string(KeptString kept) {
        int length = readLength();
        String value = kept.read(bytes, pos, length);
        pos += length;
        return value;
    }

    private String freshString() {
        int length = readLength();
        String value = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    private int readLength() {
        int length = readInt();
        if (length < 0 || length > bytes.length - pos) {
            throw Malformed.INSTANCE;
        }
        return length;
    }

    /** Avro's boolean: one byte, true when it is 1 (Avro's own reader takes any other byte as false too). */
    private boolean readBoolean() {
        if (pos >= bytes.length) {
            throw Malformed.INSTANCE;
        }
        return bytes[pos++] == 1;
    }

    private double readDouble() {
        if (bytes.length - pos < 8) {
            throw Malformed.INSTANCE;
        }
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | bytes[pos + i] & 0xffL;
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** A zig-zag varint of at most 5 bytes whose value is an int; anything else is left to Avro's reader. */
    private int readInt() {
        int start = pos;
        long value = readLong();
        if (pos - start > 5 || value != (int) value) {
            throw Malformed.INSTANCE;
        }
        return (int) value;
    }

    /** A zig-zag varint of at most 9 bytes (63 bits); a tenth byte is left to Avro's reader. */
    private long readLong() {
        long raw = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (pos >= bytes.length) {
                throw Malformed.INSTANCE;
            }
            int b = bytes[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw Malformed.INSTANCE;
    }

    /** The string read last at one place of the record, and its UTF-8 bytes, to return again for the same bytes. */
    private static final class KeptString {
        /** Longer strings are read afresh each time, not kept. */
        private static final int MAX_BYTES = 256;

        private byte[] utf8 = new byte[0];
        private int length = -1;
        private String value;

        static KeptString[] positions() {
            KeptString[] kept = new KeptString[KEPT_POSITIONS];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new KeptString();
            }
            return kept;
        }

        String read(byte[] data, int offset, int count) {
            if (count == length && Arrays.equals(utf8, 0, count, data, offset, offset + count)) {
                return value;
            }
            String read = new String(data, offset, count, StandardCharsets.UTF_8);
            if (count <= MAX_BYTES) {
                if (utf8.length < count) {
                    utf8 = new byte[Math.max(count, 2 * utf8.length)];
                }
                System.arraycopy(data, offset, utf8, 0, count);
                length = count;
                value = read;
            }
            return read;
        }
    }

    /** Something this reader does not take: the record goes to the generic deserializer. No stack trace: it is not an error. */
    private static final class Malformed extends RuntimeException {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }
}
