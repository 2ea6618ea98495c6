package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.StatsAccumulator;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Format 3 of the configuration aggregates: the same statistics as format 2, the sketches in
 * DDSketch's compact encoding, readable alongside the formats written before it.
 */
class CompactSketchStateTest {

    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");

    /** Three runs whose load durations and TTFTs span orders of magnitude: a protobuf sketch of mostly empty bins. */
    private static ConfigAggregate spreadRuns() {
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        ConfigAggregate aggregate = ConfigAggregate.empty(CONFIG);
        aggregate.add(file.run("m", 0, CONFIG, Map.of("tokens_per_s", 10.0, "ttft_ms", 12.0, "load_duration_ms", 9_500.0)));
        aggregate.add(file.run("m", 1, CONFIG, Map.of("tokens_per_s", 14.0, "ttft_ms", 840.5, "load_duration_ms", 50.0)));
        aggregate.add(file.run("m", 2, CONFIG, Map.of("tokens_per_s", 0.0, "ttft_ms", 3_000.0, "load_duration_ms", 0.0)));
        return aggregate;
    }

    @Test
    void format3KeepsEveryStatisticAndSketchBinOfFormat2InFarFewerBytes() {
        ConfigAggregate aggregate = spreadRuns();
        ConfigAggregateCodec compact = ConfigAggregateCodec.compact();
        ConfigAggregateCodec protobuf = new ConfigAggregateCodec();

        byte[] format3 = compact.encode(aggregate);
        byte[] format2 = protobuf.encode(aggregate);
        assertThat(format3[0]).isEqualTo((byte) 3);
        assertThat(format2[0]).isEqualTo((byte) 2);
        ConfigAggregate decoded = compact.decode(format3);

        assertSameStatistics(decoded, aggregate);
        // The decoded sketches hold the very bins: re-encoded either way, the bytes are the original's.
        assertThat(compact.encode(decoded)).isEqualTo(format3);
        assertThat(protobuf.encode(decoded)).isEqualTo(format2);
        assertThat(format3.length).isLessThan(format2.length / 4);
    }

    @Test
    void eachCodecReadsTheOtherFormat() {
        ConfigAggregate aggregate = spreadRuns();
        ConfigAggregateCodec compact = ConfigAggregateCodec.compact();
        ConfigAggregateCodec protobuf = new ConfigAggregateCodec();

        // State written before format 3 is read by the store's codec, and the other way round.
        assertSameStatistics(compact.decode(protobuf.encode(aggregate)), aggregate);
        assertSameStatistics(protobuf.decode(compact.encode(aggregate)), aggregate);
    }

    @Test
    void anAccumulatorWithoutValuesHasAnEmptyCompactSketch() {
        StatsAccumulator empty = StatsAccumulator.empty("ms");

        assertThat(empty.compactSketchBytes()).isEmpty();
        assertThat(StatsAccumulator.restoreCompact("ms", 0, 0, 0, 0, 0, new byte[0]).toStats()).isEqualTo(empty.toStats());
    }

    static void assertSameStatistics(ConfigAggregate actual, ConfigAggregate expected) {
        assertThat(actual.config()).isEqualTo(expected.config());
        assertThat(actual.runs()).isEqualTo(expected.runs());
        assertThat(actual.firstSeen()).isEqualTo(expected.firstSeen());
        assertThat(actual.lastSeen()).isEqualTo(expected.lastSeen());
        assertThat(actual.metrics().keySet()).isEqualTo(expected.metrics().keySet());
        // toStats() carries the moments, min, max, the percentiles and the contract's sketch bytes.
        expected.metrics().forEach((key, stats) -> assertThat(actual.metrics().get(key).toStats()).isEqualTo(stats.toStats()));
        assertThat(actual.loadSplit().keySet()).isEqualTo(expected.loadSplit().keySet());
        expected.loadSplit().forEach((key, stats) ->
                assertThat(actual.loadSplit().get(key).toStats()).isEqualTo(stats.toStats()));
    }
}
