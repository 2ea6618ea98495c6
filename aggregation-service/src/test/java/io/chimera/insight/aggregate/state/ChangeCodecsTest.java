package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.RetractedChange;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The change-detection state values and keys survive their encodings (as a changelog restore reads them). */
class ChangeCodecsTest {

    @Test
    void aChunkRoundTripsWithItsRunIdsAndPointsInOrder() {
        Map<String, RunPoint> byRun = new LinkedHashMap<>();
        byRun.put("f#row 2", new RunPoint(2L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, Double.NaN, new double[] {101.25, Double.NaN}));
        byRun.put("f#row 1", new RunPoint(1L, 1_700_000_000_000L, 1_700_000_400_000L, 12.5, new double[] {99.5, 64.72}));
        PointChunkCodec codec = new PointChunkCodec();

        PointChunk read = codec.decode(codec.encode(new PointChunk(byRun)));

        assertThat(read.byRun()).containsExactlyEntriesOf(byRun);
    }

    /**
     * A chunk's bytes are appended as its runs are put ({@code PointChunk.encodedPoints}): they must be the
     * bytes of format 2 written field by field, here by a {@link DataOutputStream}, after every kind of change:
     * new runs, a replaced point (which keeps its run's place), a removed one, and a chunk read back and added to.
     */
    @Test
    void aChunksBytesAreFormatTwoFieldByFieldAfterPutsReplacementsRemovalsAndAReadBack() throws IOException {
        PointChunkCodec codec = new PointChunkCodec();
        RunPoint first = new RunPoint(1L, 1_700_000_000_000L, 1_700_000_400_000L, 12.5, new double[] {99.5, 64.72});
        RunPoint second = new RunPoint(2L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, Double.NaN, new double[] {101.25, Double.NaN});
        RunPoint replaced = new RunPoint(3L, SeriesPoint.UNKNOWN, 1_700_000_600_000L, 7.0, new double[] {98.0, 61.5});
        RunPoint third = new RunPoint(4L, 1_700_000_100_000L, 1_700_000_700_000L, Double.NaN, new double[] {Double.NaN, 70.0});
        PointChunk chunk = new PointChunk();
        Map<String, RunPoint> expected = new LinkedHashMap<>();

        chunk.put("f#row 1", first);
        chunk.put("f#row 2 é", second);
        expected.put("f#row 1", first);
        expected.put("f#row 2 é", second);
        assertThat(codec.encode(chunk)).isEqualTo(formatTwo(expected));

        chunk.put("f#row 1", replaced);
        chunk.put("f#row 3", third);
        expected.put("f#row 1", replaced);
        expected.put("f#row 3", third);
        assertThat(codec.encode(chunk)).as("a replaced point keeps its run's place").isEqualTo(formatTwo(expected));

        chunk.remove("f#row 2 é");
        chunk.put("f#row 4", second);
        expected.remove("f#row 2 é");
        expected.put("f#row 4", second);
        assertThat(codec.encode(chunk)).isEqualTo(formatTwo(expected));

        PointChunk readBack = codec.decode(codec.encode(chunk));
        readBack.put("f#row 5", first);
        expected.put("f#row 5", first);
        assertThat(codec.encode(readBack)).isEqualTo(formatTwo(expected));
        assertThat(codec.decode(codec.encode(readBack)).byRun()).containsExactlyEntriesOf(expected);
    }

    /**
     * An index chunk's config keys are appended as they are added ({@code ConfigChunk.encodedConfigs}): its
     * bytes must be format 0 written field by field after adds, an add of a key it holds, a removal, the file's
     * fields set, and a chunk read back and added to.
     */
    @Test
    void anIndexChunksBytesAreFormatZeroFieldByFieldAfterAddsRemovalsAndAReadBack() throws IOException {
        ConfigChunkCodec codec = new ConfigChunkCodec();
        ConfigChunk chunk = new ConfigChunk();
        Set<String> expected = new LinkedHashSet<>();

        for (String configKey : List.of("num_ctx=2048", "num_ctx=4096,temperature=0.7", "num_ctx=2048", "ü=1")) {
            chunk.add(configKey);
            expected.add(configKey);
        }
        assertThat(codec.encode(chunk)).isEqualTo(formatZero(expected, null));

        chunk.remove("num_ctx=4096,temperature=0.7");
        chunk.add("num_gpu=99");
        expected.remove("num_ctx=4096,temperature=0.7");
        expected.add("num_gpu=99");
        ChangeFile file = new ChangeFile("ab12", "results/sweep.csv");
        chunk.file(file);
        assertThat(codec.encode(chunk)).isEqualTo(formatZero(expected, file));

        ConfigChunk readBack = codec.decode(codec.encode(chunk));
        readBack.add("");
        expected.add("");
        assertThat(codec.encode(readBack)).isEqualTo(formatZero(expected, file));
        assertThat(codec.decode(codec.encode(readBack))).isEqualTo(new ConfigChunk(expected, file));
    }

    /** Format 0 of an index chunk, field by field: the format, the count (top bit: the file follows), each key, the file's fields. */
    private static byte[] formatZero(Set<String> configs, ChangeFile file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(configs.size() | (file == null ? 0 : 0x80));
        for (String text : file == null ? configs : concat(configs, List.of(file.sha256(), file.path()))) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        return bytes.toByteArray();
    }

    private static List<String> concat(Set<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** Format 2 of a chunk, field by field: the format, the count, then each run id (int length, UTF-8) and its point. */
    private static byte[] formatTwo(Map<String, RunPoint> byRun) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        out.writeByte(byRun.size());
        for (Map.Entry<String, RunPoint> entry : byRun.entrySet()) {
            byte[] id = entry.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            RunPoint point = entry.getValue();
            out.writeLong(point.seq());
            out.writeLong(point.observedAt());
            out.writeLong(point.ingestedAt());
            out.writeDouble(point.loadMs());
            out.writeByte(RunPoint.METRICS.size());
            for (int i = 0; i < RunPoint.METRICS.size(); i++) {
                out.writeDouble(point.value(i));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aPointOfTheEarlierOneEntryPerRunLayoutIsReadAsAChunkOfItAlone() {
        RunPoint point = new RunPoint(42L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, 1002.4, new double[] {101.25, 64.72});

        PointChunk read = new PointChunkCodec().decode(new RunPointCodec().encode(point));

        assertThat(read.byRun()).containsExactly(Map.entry(PointChunk.ID_IN_KEY, point));
    }

    @Test
    void aRunPointRoundTripsWithBothMetricsItsTimesAndItsLoad() {
        RunPoint point = new RunPoint(42L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, 1002.4, new double[] {101.25, 64.72});
        RunPointCodec codec = new RunPointCodec();

        assertThat(codec.decode(codec.encode(point))).isEqualTo(point);
    }

    @Test
    void aRunPointWithoutALoadOrATtftKeepsThemUnknown() {
        RunPoint point = new RunPoint(7L, 1_700_000_000_000L, 1_700_000_500_000L, Double.NaN,
                new double[] {101.25, Double.NaN});
        RunPointCodec codec = new RunPointCodec();

        RunPoint read = codec.decode(codec.encode(point));

        assertThat(read).isEqualTo(point);
        assertThat(read.loadMs()).isNaN();
        assertThat(read.value(1)).isNaN();
    }

    /** A run point names neither its file's sha256 nor its path, nor its ids: they are the key's and the file entry's. */
    @Test
    void aRunPointIsSmallerThanTheTwoPerSeriesPointsItReplaces() {
        byte[] encoded = new RunPointCodec().encode(new RunPoint(42L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, 1002.4,
                new double[] {101.25, 64.72}));

        // format byte, 3 longs, the load, a count byte and two doubles
        assertThat(encoded).hasSize(1 + 3 * 8 + 8 + 1 + 2 * 8);
    }

    @Test
    void anIndexChunkRoundTripsWithItsConfigurationsInOrder() {
        Set<String> configs = new LinkedHashSet<>(List.of("batch=8,ctx=4096", "", "batch=1,ctx=été"));
        Serde<ConfigChunk> serde = new ConfigChunkCodec().storeSerde();

        byte[] encoded = serde.serializer().serialize("change-file-configs", new ConfigChunk(configs));

        assertThat(encoded[0]).as("format 0: no earlier value starts with NUL").isZero();
        assertThat(serde.deserializer().deserialize("change-file-configs", encoded).configs()).containsExactlyElementsOf(configs);
    }

    @Test
    void aFilesFirstIndexChunkRoundTripsWithTheFilesFields() {
        Set<String> configs = new LinkedHashSet<>(List.of("batch=8,ctx=4096", "batch=1,ctx=été"));
        ChangeFile file = new ChangeFile("9f2c", "results/é.csv");
        Serde<ConfigChunk> serde = new ConfigChunkCodec().storeSerde();

        byte[] withFile = serde.serializer().serialize("change-file-configs", new ConfigChunk(configs, file));
        byte[] without = serde.serializer().serialize("change-file-configs", new ConfigChunk(configs));
        ConfigChunk read = serde.deserializer().deserialize("change-file-configs", withFile);

        assertThat(read.configs()).containsExactlyElementsOf(configs);
        assertThat(read.file()).isEqualTo(file);
        assertThat(withFile[1]).as("the count byte's top bit: the fields follow").isEqualTo((byte) (0x80 | 2));
        assertThat(without[1]).as("a chunk without them, as every chunk was written before").isEqualTo((byte) 2);
        assertThat(serde.deserializer().deserialize("change-file-configs", without).file()).isNull();
        assertThat(serde.deserializer().deserialize("change-file-configs",
                serde.serializer().serialize("change-file-configs", new ConfigChunk(Set.of(), file))))
                .as("a first chunk whose configurations all left").isEqualTo(new ConfigChunk(Set.of(), file));
    }

    /** The earlier index's values, a config key's bare UTF-8 (Serdes.String()), the empty key's empty one included. */
    @Test
    void anIndexEntryOfTheEarlierLayoutIsReadAsAChunkOfItsConfigurationAlone() {
        Serde<ConfigChunk> serde = new ConfigChunkCodec().storeSerde();
        for (String configKey : List.of("batch=8,ctx=4096", "é=1", "k", "")) {
            byte[] earlier = Serdes.String().serializer().serialize("change-file-configs", configKey);

            assertThat(serde.deserializer().deserialize("change-file-configs", earlier).configs()).containsExactly(configKey);
        }
    }

    @Test
    void aFileEntryRoundTrips() {
        ChangeFile file = new ChangeFile("9f2c", "results/a.csv");
        ChangeFileCodec codec = new ChangeFileCodec();

        assertThat(codec.decode(codec.encode(file))).isEqualTo(file);
    }

    @Test
    void aSeriesStateRoundTripsWithItsChanges() {
        EmittedChange change = new EmittedChange("id-b.csv#row 0", "id-b.csv", "results/b.csv", 600_000L, 7L,
                ChangeDirection.IMPROVEMENT, 0L, new ChangeSegmentStats(10, 100, 99, 101),
                new ChangeSegmentStats(2, 120, Double.NaN, Double.NaN), 0.2, 1e-6, "Welch t", 5_000L);
        EmittedChange gone = new EmittedChange("id-c.csv#row 4", "id-c.csv", "results/c.csv", 500_000L, 11L,
                ChangeDirection.REGRESSION, 0L, new ChangeSegmentStats(8, 100, 98, 102),
                new ChangeSegmentStats(3, 80, 70, 90), -0.2, 1e-7, "Student t", 4_000L);
        SeriesState state = new SeriesState(new TreeMap<>(Map.of("num_ctx", "2048", "num_gpu", "80")), 30_000L,
                List.of(change), List.of(new RetractedChange(gone, 6_000L)));
        SeriesStateCodec codec = new SeriesStateCodec();

        assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    }

    /**
     * A state written by the per-series layout (format 1: no retractions) is read, with its changes
     * made final: the trim watermark reaches the start of the earliest segment before a change.
     */
    @Test
    void aFormatOneSeriesStateIsReadWithItsChangesMadeFinal() throws IOException {
        SeriesState read = new SeriesStateCodec().decode(formatOne());

        assertThat(read.config()).containsExactly(Map.entry("num_ctx", "2048"));
        assertThat(read.emitted()).singleElement().satisfies(change -> {
            assertThat(change.firstRunId()).isEqualTo("id-b.csv#row 0");
            assertThat(change.beforeFromAt()).isEqualTo(120_000L);
            assertThat(change.after().mean()).isEqualTo(120.0);
        });
        assertThat(read.trimmedThrough()).isEqualTo(120_000L);
        assertThat(read.retracted()).isEmpty();
    }

    /** A state as the per-series layout's first format wrote it: no retractions. */
    private static byte[] formatOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(1);
            string(out, "num_ctx");
            string(out, "2048");
            out.writeLong(SeriesPoint.UNKNOWN);
            out.writeInt(1);
            string(out, "id-b.csv#row 0");
            string(out, "id-b.csv");
            string(out, "results/b.csv");
            out.writeLong(600_000L);
            out.writeLong(7L);
            string(out, "IMPROVEMENT");
            out.writeLong(120_000L);
            for (double[] segment : new double[][] {{10, 100, 99, 101}, {2, 120, 118, 122}}) {
                out.writeLong((long) segment[0]);
                out.writeDouble(segment[1]);
                out.writeDouble(segment[2]);
                out.writeDouble(segment[3]);
            }
            out.writeDouble(0.2);
            out.writeDouble(1e-6);
            string(out, "Student t");
            out.writeLong(5_000L);
        }
        return bytes.toByteArray();
    }

    /**
     * A configuration's entry (format 3): its states by metric, a configuration shared by consecutive states
     * written once (a state whose configuration differs carries its own); and the earlier per-series values,
     * formats 2 and 1, read as the one state their key names.
     */
    @Test
    void aConfigurationsStatesRoundTripAndTheEarlierFormatsAreReadAsOneState() throws IOException {
        EmittedChange change = new EmittedChange("id-b.csv#row 0", "id-b.csv", "results/b.csv", 600_000L, 7L,
                ChangeDirection.IMPROVEMENT, 0L, new ChangeSegmentStats(10, 100, 99, 101),
                new ChangeSegmentStats(2, 120, Double.NaN, Double.NaN), 0.2, 1e-6, "Welch t", 5_000L);
        TreeMap<String, String> config = new TreeMap<>(Map.of("num_ctx", "2048", "num_gpu", "80"));
        SeriesState tokens = new SeriesState(config, 30_000L, List.of(change), List.of(new RetractedChange(change, 6_000L)));
        SeriesState ttft = SeriesState.first(config);
        ConfigStatesCodec codec = new ConfigStatesCodec();
        ConfigStates both = new ConfigStates(new TreeMap<>(Map.of("tokens_per_s", tokens, "ttft_ms", ttft)));
        ConfigStates apart = new ConfigStates(new TreeMap<>(Map.of("tokens_per_s", tokens, "ttft_ms", SeriesState.first(Map.of()))));

        assertThat(codec.decode(codec.encode(both))).isEqualTo(both);
        assertThat(codec.decode(codec.encode(apart))).isEqualTo(apart);
        byte[] withOne = codec.encode(new ConfigStates(new TreeMap<>(Map.of("tokens_per_s", tokens))));
        assertThat(codec.encode(both).length).as("the shared configuration is not written twice")
                .isLessThan(withOne.length + new SeriesStateCodec().encode(ttft).length);
        assertThat(codec.encode(both)[0]).isEqualTo((byte) 3);

        byte[] formatTwo = new SeriesStateCodec().encode(tokens);
        assertThat(formatTwo[0]).isEqualTo((byte) 2);
        assertThat(codec.decode(formatTwo).earlierState()).isEqualTo(tokens);
        assertThat(codec.decode(formatOne()).earlierState()).isEqualTo(new SeriesStateCodec().decode(formatOne()));
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @Test
    void aSeriesKeyNamesItsModelConfigAndMetric() {
        SeriesId id = new SeriesId("hf.co/org/m:Q4", "num_ctx=2048,temperature=0.8", "ttft_ms");

        assertThat(StateKeys.seriesOf(StateKeys.series(id))).isEqualTo(id);
        assertThat(StateKeys.modelOf(StateKeys.series(id))).isEqualTo("hf.co/org/m:Q4");
    }
}
