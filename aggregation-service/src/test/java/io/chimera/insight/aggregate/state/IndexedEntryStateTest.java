package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.LoadBinMetric;
import io.chimera.insight.aggregate.statistics.MetricKey;
import io.chimera.insight.aggregate.statistics.StatsAccumulator;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Format 5 of the configuration aggregates, the store's ({@link IndexedEntryFormat}): every shape of entry read
 * back with every figure bit for bit (the count, mean, M2, min and max it no longer writes beside held values
 * included), entries of format 4 read and rewritten as format 5 with the bytes of an entry that never was format
 * 4, and the earlier codecs reading format 5.
 */
class IndexedEntryStateTest {

    private static final Map<String, String> CONFIG = Map.of("num_ctx", "4096", "temperature", "0.8");
    private static final ConfigAggregateCodec STORE = ConfigAggregateCodec.store();
    private static final ConfigAggregateCodec FORMAT_4 = ConfigAggregateCodec.valuesOrSketches();
    private static final TestFile FILE = TestFile.of("f.csv", "v1", AggregationRig.START);

    /**
     * Runs like the bench's (8 metrics, 3 of them counts, load durations in neighbouring bins) with a failed run,
     * a summary, a NaN metric (ignored: it has no place in a mean) and a run without a load duration among them.
     */
    private static List<BenchmarkRun> runs(int count) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; runs.size() < count; row++) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("tokens_per_s", 97.95 + row * 0.37);
            metrics.put("ttft_ms", 123.1909 - row * 7.3);
            metrics.put("eval_count", 68.0 + row * 41);
            metrics.put("eval_duration_ms", 694.2197 * (row + 1));
            metrics.put("prompt_eval_count", 23.0 + row);
            metrics.put("prompt_eval_duration_ms", 43.8924 - row * 0.1);
            metrics.put("response_chars", 228.0 * (row + 1));
            if (row % 4 != 3) {
                // Warm loads come back to the same six, so a cell of many runs takes more values than it holds.
                metrics.put("load_duration_ms", row % 5 == 4 ? 9_500.0 + row : 69.517 + (row % 6) * 9.7);
            }
            if (row == 2) {
                metrics.put("ttft_ms", Double.NaN);
            }
            runs.add(FILE.run("m", row, CONFIG, metrics));
            if (row == 1) {
                runs.add(FILE.failedRun("m", 100 + row, CONFIG, Map.of("ttft_ms", 0.0)));
                runs.add(FILE.summary("m", 200 + row, CONFIG, Map.of("tokens_per_s", 50.0)));
            }
        }
        return runs.subList(0, count);
    }

    private static ConfigAggregate entryOf(List<BenchmarkRun> runs) {
        ConfigAggregate entry = ConfigAggregate.entry(CONFIG);
        runs.forEach(entry::add);
        return entry;
    }

    @Test
    void everyShapeOfEntryIsReadBackWithEveryFigureBitForBit() {
        // No run, one, those in which the values are still held (with cold/warm cells, a NaN, a failed run and a
        // summary among them), past eight (the metrics in sketches, the cells still values) and many.
        for (int count : new int[] {0, 1, 2, 3, 5, 8, 9, 10, 12, 60}) {
            ConfigAggregate entry = entryOf(runs(count));

            byte[] bytes = STORE.encode(entry);
            ConfigAggregate decoded = STORE.decode(bytes);

            assertThat(bytes[0]).isEqualTo((byte) 5);
            assertSameEntry(decoded, entry);
            // Every figure also equals that of an aggregate that sketched every value (percentiles, sketch bytes).
            CompactSketchStateTest.assertSameStatistics(decoded, fed(ConfigAggregate.empty(CONFIG), runs(count)));
            assertThat(STORE.encode(decoded)).as("%d runs re-encoded", count).isEqualTo(bytes);
        }
    }

    @Test
    void theShapesTheRoundTripCoversAreThere() {
        assertThat(entryOf(runs(3)).loadSplit()).hasSizeGreaterThan(3);
        assertThat(entryOf(runs(3)).metrics().values()).allMatch(StatsAccumulator::isRecountOfValues);
        // Runs 0 and 1, a failed run, a summary, run 2 with a NaN TTFT.
        assertThat(entryOf(runs(5)).metrics().get(new MetricKey("ttft_ms", "ms")).count()).isEqualTo(2);
        assertThat(entryOf(runs(5)).metrics().get(new MetricKey("tokens_per_s", "tokens/s")).count()).isEqualTo(3);
        assertThat(entryOf(runs(5)).failedRuns()).isEqualTo(1);
        assertThat(entryOf(runs(5)).summaryRecords()).isEqualTo(1);
        // Ten successful runs: most metrics in sketches, the load durations (eight) still values.
        assertThat(entryOf(runs(12)).metrics().get(new MetricKey("tokens_per_s", "tokens/s")).holdsValues()).isFalse();
        assertThat(entryOf(runs(12)).metrics().get(new MetricKey("load_duration_ms", "ms")).holdsValues()).isTrue();
        assertThat(entryOf(runs(12)).loadSplit().values()).allMatch(StatsAccumulator::holdsValues);
        assertThat(entryOf(runs(60)).loadSplit().values()).anyMatch(stats -> !stats.holdsValues());
    }

    @Test
    void anEntryReadBackAfterEveryRunKeepsEveryFigure() {
        List<BenchmarkRun> all = runs(StatsAccumulator.VALUES_BEFORE_SKETCH + 4);
        ConfigAggregate entry = ConfigAggregate.entry(CONFIG);
        for (int i = 0; i < all.size(); i++) {
            // As a restarted task reads its predecessor's entry, then takes the next run.
            entry = STORE.decode(STORE.encode(entry));
            entry.add(all.get(i));
            assertSameEntry(entry, entryOf(all.subList(0, i + 1)));
        }
    }

    @Test
    void anEntryOfAFewRunsTakesLessThanHalfOfFormat4sBytes() {
        // One, two and three successful runs (the failed run and the summary come after the second).
        for (int count : new int[] {1, 4, 5}) {
            ConfigAggregate entry = entryOf(runs(count));

            assertThat(STORE.encode(entry).length).as("%d records", count).isLessThan(FORMAT_4.encode(entry).length / 2);
        }
    }

    @Test
    void valuesBesideFiguresTheyDoNotRecountKeepThoseFigures() {
        // Merged into values already held, the moments are Chan et al.'s, not Welford's over the values: found here
        // differing in their last bits, so written beside the values, not recounted from them.
        StatsAccumulator merged = StatsAccumulator.valuesFirst("ms").add(0.1).add(0.7)
                .merge(StatsAccumulator.valuesFirst("ms").add(0.3).add(1e-3).add(5.9));
        StatsAccumulator recounted = StatsAccumulator.ofValues("ms", merged.values());
        assertThat(merged.holdsValues()).isTrue();
        assertThat(merged.isRecountOfValues()).isFalse();
        assertThat(List.of(merged.mean(), merged.m2())).isNotEqualTo(List.of(recounted.mean(), recounted.m2()));
        ConfigAggregate entry = ConfigAggregate.restore(CONFIG, 5, 0, 0, 1, 2,
                new TreeMap<>(Map.of(new MetricKey("ttft_ms", "ms"), merged)), new TreeMap<>());

        ConfigAggregate decoded = STORE.decode(STORE.encode(entry));

        assertSameEntry(decoded, entry);
        assertThat(decoded.metrics().get(new MetricKey("ttft_ms", "ms")).isRecountOfValues()).isFalse();
    }

    @Test
    void aCellWhoseMetricTheEntryDoesNotListNamesItInFull() {
        StatsAccumulator cell = StatsAccumulator.valuesFirst("ms").add(80.0);
        ConfigAggregate entry = ConfigAggregate.restore(CONFIG, 1, 0, 0, 1, 2,
                new TreeMap<>(Map.of(new MetricKey("ttft_ms", "ms"), StatsAccumulator.valuesFirst("ms").add(9.0))),
                new TreeMap<>(Map.of(new LoadBinMetric(24, new MetricKey("load_duration_ms", "ms")), cell,
                        new LoadBinMetric(-3, new MetricKey("ttft_ms", "ms")), StatsAccumulator.valuesFirst("ms").add(9.0))));

        assertSameEntry(STORE.decode(STORE.encode(entry)), entry);
    }

    @Test
    void recordedBytesOfFormat4AreReadAndRewrittenAsFormat5() {
        // Written by main's codec at 9533eda (format 4, the store's until format 5): an entry of runs(4).
        byte[] format4 = recorded("config-aggregate-format4.hex");
        assertThat(format4[0]).isEqualTo((byte) 4);
        ConfigAggregate decoded = STORE.decode(format4);
        assertSameEntry(decoded, entryOf(runs(4)));
        assertThat(decoded.metrics().values()).allMatch(StatsAccumulator::isRecountOfValues);

        // Its next run: the entry is written as format 5, the bytes of an entry that was never format 4.
        decoded.add(runs(5).get(4));
        byte[] rewritten = STORE.encode(decoded);

        assertThat(rewritten[0]).isEqualTo((byte) 5);
        assertThat(rewritten).isEqualTo(STORE.encode(entryOf(runs(5))));
        assertThat(rewritten.length).isLessThan(format4.length / 2);
    }

    @Test
    void theEarlierCodecsReadFormat5() {
        for (int count : new int[] {2, 12}) {
            ConfigAggregate entry = entryOf(runs(count));
            byte[] format5 = STORE.encode(entry);

            for (ConfigAggregateCodec earlier : List.of(FORMAT_4, ConfigAggregateCodec.compact(), new ConfigAggregateCodec())) {
                assertSameEntry(earlier.decode(format5), entry);
            }
            // And format 4 written by the store's codec's own reader is the entry again.
            assertSameEntry(STORE.decode(FORMAT_4.encode(entry)), entry);
        }
    }

    @Test
    void anUnknownFormOfStatisticsIsAnErrorNotAGuess() {
        byte[] bytes = STORE.encode(entryOf(runs(1)));
        // Format byte, the config (count, two keys and values of fewer than 128 bytes), runs, failed, summaries
        // (one byte each), first seen (zig-zag varint), last minus first (0: one byte), the metric count, then the
        // first metric's name and unit, and its form byte: 1, one value that recounts.
        int at = 1 + 1;
        for (int i = 0; i < 4; i++) {
            at += 1 + bytes[at];
        }
        at += 3;
        while (bytes[at] < 0) {
            at++;
        }
        at += 1 + 1 + 1;
        at += 1 + bytes[at];
        at += 1 + bytes[at];
        assertThat(bytes[at]).isEqualTo((byte) 1);
        bytes[at] = (byte) (IndexedEntryFormat.SKETCH + 1);

        assertThatThrownBy(() -> STORE.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("Unknown statistics form " + (IndexedEntryFormat.SKETCH + 1) + " of "
                        + entryOf(runs(1)).metrics().firstKey());
    }

    @Test
    void aHeldValueNoRunGivesIsAnErrorNotAFigure() {
        ConfigAggregate entry = ConfigAggregate.restore(CONFIG, 1, 0, 0, 1, 2,
                new TreeMap<>(Map.of(new MetricKey("ttft_ms", "ms"), StatsAccumulator.valuesFirst("ms").add(9.0))),
                new TreeMap<>());
        byte[] bytes = STORE.encode(entry);
        // The value is the last eight bytes (the split is empty: its count, one byte, is last).
        assertThat(bytes[bytes.length - 1]).isZero();
        byte[] nan = HexFormat.of().parseHex("7ff8000000000000");
        System.arraycopy(nan, 0, bytes, bytes.length - 9, 8);

        assertThatThrownBy(() -> STORE.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("A held value is finite, not NaN");
    }

    @Test
    void varintsRoundTripAcrossTheirRange() throws IOException {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE,
                1_733_443_200_000L};
        for (long value : values) {
            StateOutput out = new StateOutput(16);
            StateCodec.writeVarLong(out, value);
            StateCodec.writeZigZagLong(out, value);
            var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(out.toByteArray()));
            assertThat(StateCodec.readVarLong(in)).isEqualTo(value);
            assertThat(StateCodec.readZigZagLong(in)).isEqualTo(value);
        }
    }

    private static ConfigAggregate fed(ConfigAggregate aggregate, List<BenchmarkRun> runs) {
        runs.forEach(aggregate::add);
        return aggregate;
    }

    /** Every field, and every statistic's form and figures to the bit. */
    static void assertSameEntry(ConfigAggregate actual, ConfigAggregate expected) {
        assertThat(actual.config()).isEqualTo(expected.config());
        assertThat(List.of(actual.runs(), actual.failedRuns(), actual.summaryRecords(), actual.firstSeen(), actual.lastSeen()))
                .isEqualTo(List.of(expected.runs(), expected.failedRuns(), expected.summaryRecords(), expected.firstSeen(),
                        expected.lastSeen()));
        assertThat(actual.metrics().keySet()).isEqualTo(expected.metrics().keySet());
        expected.metrics().forEach((key, stats) -> assertSameStats(actual.metrics().get(key), stats));
        assertThat(actual.loadSplit().keySet()).isEqualTo(expected.loadSplit().keySet());
        expected.loadSplit().forEach((key, stats) -> assertSameStats(actual.loadSplit().get(key), stats));
    }

    private static void assertSameStats(StatsAccumulator actual, StatsAccumulator expected) {
        assertThat(actual.holdsValues()).isEqualTo(expected.holdsValues());
        assertThat(actual.isRecountOfValues()).isEqualTo(expected.isRecountOfValues());
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(bits(actual)).isEqualTo(bits(expected));
        if (expected.holdsValues()) {
            assertThat(actual.values()).isEqualTo(expected.values());
        }
        assertThat(actual.toStats()).isEqualTo(expected.toStats());
    }

    private static List<Long> bits(StatsAccumulator stats) {
        return List.of(Double.doubleToRawLongBits(stats.mean()), Double.doubleToRawLongBits(stats.m2()),
                Double.doubleToRawLongBits(stats.min()), Double.doubleToRawLongBits(stats.max()));
    }

    static byte[] recorded(String name) {
        try (InputStream in = IndexedEntryStateTest.class.getResourceAsStream("/state/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource /state/" + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
