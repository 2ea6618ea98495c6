package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Format 4 of the configuration aggregates, the store's until format 5 ({@link IndexedEntryStateTest}): an entry of few runs is written with its values
 * instead of sketches, one of more with its compact sketches, and both read back with every figure of an
 * aggregate that sketched every value; state written in the formats before it is still read.
 */
class ValuesFirstStateTest {

    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final ConfigAggregateCodec STORE = ConfigAggregateCodec.valuesOrSketches();
    private static final TestFile FILE = TestFile.of("f.csv", "v1", AggregationRig.START);

    /**
     * The runs {@link CompactSketchStateTest} uses, and more in the same spirit: load durations and TTFTs
     * over orders of magnitude (so the cold/warm split has several bins), a zero.
     */
    private static List<BenchmarkRun> runs(int count) {
        List<BenchmarkRun> runs = new ArrayList<>();
        runs.add(FILE.run("m", 0, CONFIG, Map.of("tokens_per_s", 10.0, "ttft_ms", 12.0, "load_duration_ms", 9_500.0)));
        runs.add(FILE.run("m", 1, CONFIG, Map.of("tokens_per_s", 14.0, "ttft_ms", 840.5, "load_duration_ms", 50.0)));
        runs.add(FILE.run("m", 2, CONFIG, Map.of("tokens_per_s", 0.0, "ttft_ms", 3_000.0, "load_duration_ms", 0.0)));
        for (int row = 3; runs.size() < count; row++) {
            runs.add(FILE.run("m", row, CONFIG, Map.of("tokens_per_s", 9.0 + row * 1.7, "ttft_ms", 20.0 * row * row,
                    "load_duration_ms", row % 3 == 0 ? 8_000.0 + row : 40.0 + row)));
        }
        return runs.subList(0, count);
    }

    private static ConfigAggregate fed(ConfigAggregate aggregate, List<BenchmarkRun> runs) {
        runs.forEach(aggregate::add);
        return aggregate;
    }

    @Test
    void anEntryOfFewRunsIsWrittenWithItsValuesAndReadBackWithEveryFigure() {
        for (int count = 1; count <= 3; count++) {
            ConfigAggregate entry = fed(ConfigAggregate.entry(CONFIG), runs(count));

            byte[] bytes = STORE.encode(entry);
            ConfigAggregate decoded = STORE.decode(bytes);

            assertThat(bytes[0]).isEqualTo((byte) 4);
            assertThat(decoded.metrics().values()).allMatch(StatsAccumulator::holdsValues);
            assertThat(decoded.loadSplit().values()).isNotEmpty().allMatch(StatsAccumulator::holdsValues);
            // Every figure (percentiles and the contract's sketch bytes included) of an aggregate that sketched each value.
            CompactSketchStateTest.assertSameStatistics(decoded, fed(ConfigAggregate.empty(CONFIG), runs(count)));
            assertThat(STORE.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void pastAFewRunsTheEntryIsWrittenWithItsSketches() {
        int count = StatsAccumulator.VALUES_BEFORE_SKETCH + 3;
        ConfigAggregate entry = fed(ConfigAggregate.entry(CONFIG), runs(count));

        ConfigAggregate decoded = STORE.decode(STORE.encode(entry));

        assertThat(decoded.metrics().values()).noneMatch(StatsAccumulator::holdsValues);
        CompactSketchStateTest.assertSameStatistics(decoded, fed(ConfigAggregate.empty(CONFIG), runs(count)));
    }

    @Test
    void anEntryReadBackKeepsTakingRunsAcrossTheChangeOfForm() {
        List<BenchmarkRun> all = runs(StatsAccumulator.VALUES_BEFORE_SKETCH + 4);
        ConfigAggregate entry = ConfigAggregate.entry(CONFIG);
        for (int i = 0; i < all.size(); i++) {
            // Read back after every run, as a restarted task reads its predecessor's entry.
            entry = STORE.decode(STORE.encode(entry));
            entry.add(all.get(i));
            CompactSketchStateTest.assertSameStatistics(entry, fed(ConfigAggregate.empty(CONFIG), all.subList(0, i + 1)));
        }
    }

    @Test
    void recordedBytesOfFormats2And3AreStillReadAndAddedTo() {
        // Written by the codecs of main at 9621665 (format 3: the store's until then; format 2: the one before).
        byte[] format3 = recorded("config-aggregate-format3.hex");
        byte[] format2 = recorded("config-aggregate-format2.hex");
        assertThat(format3[0]).isEqualTo((byte) 3);
        assertThat(format2[0]).isEqualTo((byte) 2);
        ConfigAggregate expected = fed(ConfigAggregate.empty(CONFIG), runs(3));

        // Read by format 4's codec and by the store's (format 5), and written again by each.
        for (ConfigAggregateCodec codec : List.of(STORE, ConfigAggregateCodec.store())) {
            for (byte[] old : List.of(format3, format2)) {
                ConfigAggregate decoded = codec.decode(old);
                CompactSketchStateTest.assertSameStatistics(decoded, expected);

                decoded.add(runs(4).get(3));
                CompactSketchStateTest.assertSameStatistics(codec.decode(codec.encode(decoded)),
                        fed(ConfigAggregate.empty(CONFIG), runs(4)));
            }
        }
    }

    @Test
    void theEarlierCodecsReadFormat4() {
        ConfigAggregate few = fed(ConfigAggregate.entry(CONFIG), runs(2));
        ConfigAggregate many = fed(ConfigAggregate.entry(CONFIG), runs(StatsAccumulator.VALUES_BEFORE_SKETCH + 1));

        for (ConfigAggregateCodec earlier : List.of(ConfigAggregateCodec.compact(), new ConfigAggregateCodec())) {
            CompactSketchStateTest.assertSameStatistics(earlier.decode(STORE.encode(few)), few);
            CompactSketchStateTest.assertSameStatistics(earlier.decode(STORE.encode(many)), many);
        }
    }

    @Test
    void anUnknownFormOfStatisticsIsAnErrorNotAGuess() {
        byte[] bytes = STORE.encode(fed(ConfigAggregate.entry(Map.of()), runs(1)));
        // Format byte, no config (int 0), five longs of counters and times, the metric count (int), then the
        // first metric: its name and unit (length-prefixed), count (long), four doubles, and its form's byte.
        int at = 1 + 4 + 5 * 8 + 4;
        at += 4 + intAt(bytes, at);
        at += 4 + intAt(bytes, at);
        at += 8 + 4 * 8;
        assertThat(bytes[at]).isEqualTo((byte) 1);
        bytes[at] = 7;

        assertThatThrownBy(() -> STORE.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("Unknown statistics form 7 of " + fed(ConfigAggregate.entry(Map.of()), runs(1))
                        .metrics().firstKey());
    }

    private static int intAt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    private static byte[] recorded(String name) {
        try (InputStream in = ValuesFirstStateTest.class.getResourceAsStream("/state/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource /state/" + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
