package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileAggregate;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.LoadsBeforeSplit;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.LoadBinMetric;
import io.chimera.insight.aggregate.statistics.LoadBins;
import io.chimera.insight.aggregate.statistics.MetricKey;
import io.chimera.insight.aggregate.statistics.MetricNames;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.DebouncePolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The small pure pieces of the aggregation. */
class AggregationPartsTest {

    @Test
    void configKeyIsSortedKeyValuePairs() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("temperature", "0.7");
        config.put("num_gpu", "1");
        config.put("num_ctx", "4096");

        assertThat(ConfigKeys.of(config)).isEqualTo("num_ctx=4096,num_gpu=1,temperature=0.7");
        assertThat(ConfigKeys.of(Map.of())).isEmpty();
    }

    @Test
    void configKeyIsTheTextOfASortedCopyOfTheMapJoined() {
        // The reference is how ConfigKeys made the key until 2026-12-05: a TreeMap, each pair joined.
        Random random = new Random(17);
        String[] parts = {"num_ctx", "num_gpu", "temperature", "top_k", "Temperature", "n\u00fcm", "\uD83D\uDE00x", "\uFFFDa",
                "", "a=b", "x,y", "0.7", "2048"};
        for (int round = 0; round < 500; round++) {
            Map<String, String> config = new HashMap<>();
            int size = random.nextInt(7);
            for (int i = 0; i < size; i++) {
                config.put(parts[random.nextInt(parts.length)] + (random.nextBoolean() ? "" : i),
                        parts[random.nextInt(parts.length)]);
            }
            StringJoiner reference = new StringJoiner(",");
            new TreeMap<>(config).forEach((key, value) -> reference.add(key + "=" + value));

            assertThat(ConfigKeys.of(config)).as("%s", config).isEqualTo(reference.toString());
        }
    }

    @Test
    void aVersionSupersedesOnlyWithOtherContentReadLater() {
        FileVersion v1 = new FileVersion("aaa", 1_000, "f.csv");
        FileVersion v2 = new FileVersion("bbb", 2_000, "f.csv");
        FileVersion v1Again = new FileVersion("aaa", 3_000, "f.csv");
        FileVersion sameMillisecond = new FileVersion("ccc", 2_000, "f.csv");

        assertThat(v2.supersedes(v1)).isTrue();
        assertThat(v1.supersedes(v2)).isFalse();
        assertThat(v1Again.supersedes(v1)).as("same content is never a replacement").isFalse();
        assertThat(v1Again.supersedes(v2)).as("content reverted to an earlier one, read later").isTrue();
        assertThat(sameMillisecond.supersedes(v2)).isTrue();
        assertThat(v2.supersedes(sameMillisecond)).isFalse();
        assertThat(FileVersion.newest(null, v1)).isSameAs(v1);
        assertThat(FileVersion.newest(v2, v1)).isSameAs(v2);
        assertThat(FileVersion.newest(v1, null)).isSameAs(v1);
    }

    @Test
    void debounceFiresWhenQuietOrAtMaxDelay() {
        DebouncePolicy policy = new DebouncePolicy(Duration.ofSeconds(2), Duration.ofSeconds(30));
        PendingModel busy = new PendingModel(0, 29_000, 5, true);

        assertThat(policy.dueReason(busy, 30_999)).contains("max-delay");
        assertThat(policy.dueReason(busy, 29_999)).isEmpty();
        assertThat(policy.dueReason(new PendingModel(0, 1_000, 5, true), 2_999)).isEmpty();
        assertThat(policy.dueReason(new PendingModel(0, 1_000, 5, true), 3_000)).contains("quiet");
    }

    @Test
    void pendingKeepsTheFirstChangeAndTheOldestIngestTime() {
        PendingModel pending = PendingModel.firstChange(100, 5_000).changedAgain(200, 4_000).changedAgain(300, 6_000);

        assertThat(pending).isEqualTo(new PendingModel(100, 300, 4_000, true));
        assertThat(pending.metricsEmitted().metricsDirty()).isFalse();
    }

    @Test
    void aMetricNameInSeveralUnitsIsQualifiedEverywhere() {
        Map<MetricKey, String> names = MetricNames.displayNames(List.of(
                new MetricKey("ttft_ms", "ms"), new MetricKey("latency", "s"), new MetricKey("latency", "")));

        assertThat(names).containsEntry(new MetricKey("ttft_ms", "ms"), "ttft_ms")
                .containsEntry(new MetricKey("latency", "s"), "latency (s)")
                .containsEntry(new MetricKey("latency", ""), "latency (no unit)");
    }

    @Test
    void theColdWarmSplitRoundTripsAndStateWrittenBeforeItStillReads() {
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        ConfigAggregate aggregate = ConfigAggregate.empty(Map.of("num_ctx", "2048"));
        aggregate.add(file.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 10.0, "load_duration_ms", 950.0)));
        aggregate.add(file.run("m", 1, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 14.0, "load_duration_ms", 50.0)));
        ConfigAggregateCodec codec = new ConfigAggregateCodec();

        byte[] format2 = codec.encode(aggregate);
        ConfigAggregate decoded = codec.decode(format2);
        assertThat(decoded.loadSplit().keySet()).containsExactly(
                new LoadBinMetric(LoadBins.bin(50), new MetricKey("load_duration_ms", "ms")),
                new LoadBinMetric(LoadBins.bin(50), new MetricKey("tokens_per_s", "tokens/s")),
                new LoadBinMetric(LoadBins.bin(950), new MetricKey("load_duration_ms", "ms")),
                new LoadBinMetric(LoadBins.bin(950), new MetricKey("tokens_per_s", "tokens/s")));
        assertThat(codec.encode(decoded)).isEqualTo(format2);

        // Format 1 is format 2 without the split's count and cells at the end.
        int splitBytes = format2.length - codec.encode(ConfigAggregate.restore(aggregate.config(), aggregate.runs(),
                aggregate.failedRuns(), aggregate.summaryRecords(), aggregate.firstSeen(), aggregate.lastSeen(),
                aggregate.metrics(), Map.of())).length + 4;
        byte[] format1 = java.util.Arrays.copyOf(format2, format2.length - splitBytes);
        format1[0] = 1;
        ConfigAggregate old = codec.decode(format1);
        assertThat(old.runs()).isEqualTo(2);
        assertThat(old.metrics().keySet()).isEqualTo(aggregate.metrics().keySet());
        assertThat(old.loadSplit()).isEmpty();

        // What a report reads of it: the load durations are counted but not split, so they are named as counted
        // before the split (re-ingest to classify), not as missing; the same runs read today are all split.
        ModelMetrics before = ModelMetricsAssembler.assemble("m", List.of(new FileAggregate("f",
                new FileVersion("v1", 0, "f.csv"), List.of(old))), ColdStartRule.defaults(), 0, 0);
        assertThat(before.getColdStart().getStatus()).isEqualTo(ColdStartStatus.NO_LOAD_DURATION);
        assertThat(LoadsBeforeSplit.runs(before)).isEqualTo(2);
        ModelMetrics today = ModelMetricsAssembler.assemble("m", List.of(new FileAggregate("f",
                new FileVersion("v1", 0, "f.csv"), List.of(decoded))), ColdStartRule.defaults(), 0, 0);
        assertThat(today.getColdStart().getStatus()).isEqualTo(ColdStartStatus.CLASSIFIED);
        assertThat(LoadsBeforeSplit.runs(today)).isZero();
    }

    @Test
    void stateCodecsRoundTrip() {
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        ConfigAggregate aggregate = ConfigAggregate.empty(Map.of("num_ctx", "2048"));
        aggregate.add(file.run("m", 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 10.0, "ttft_ms", 3.0)));
        aggregate.add(file.run("m", 1, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 14.0)));
        aggregate.add(file.failedRun("m", 2, Map.of("num_ctx", "2048"), Map.of()));
        aggregate.add(file.summary("m", 3, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 12.0)));

        ConfigAggregateCodec codec = new ConfigAggregateCodec();
        ConfigAggregate decoded = codec.decode(codec.encode(aggregate));

        assertThat(decoded.config()).isEqualTo(aggregate.config());
        assertThat(decoded.runs()).isEqualTo(3);
        assertThat(decoded.failedRuns()).isEqualTo(1);
        assertThat(decoded.summaryRecords()).isEqualTo(1);
        assertThat(decoded.firstSeen()).isEqualTo(AggregationRig.START.toEpochMilli());
        assertThat(decoded.metrics().keySet()).containsExactly(new MetricKey("tokens_per_s", "tokens/s"), new MetricKey("ttft_ms", "ms"));
        decoded.metrics().forEach((key, stats) ->
                assertThat(stats.toStats()).isEqualTo(aggregate.metrics().get(key).toStats()));
        assertThat(codec.encode(decoded)).isEqualTo(codec.encode(aggregate));

        assertThat(decoded.loadSplit()).isEmpty();

        FileVersionCodec versions = new FileVersionCodec();
        FileVersion version = new FileVersion("abc", 42, "results/ü.csv");
        assertThat(versions.decode(versions.encode(version))).isEqualTo(version);
        PendingModelCodec pending = new PendingModelCodec();
        PendingModel model = new PendingModel(1, 2, 3, true);
        assertThat(pending.decode(pending.encode(model))).isEqualTo(model);
        assertThat(pending.encode(null)).isNull();
    }

    @Test
    void anUnknownStateFormatIsRefused() {
        byte[] future = new PendingModelCodec().encode(new PendingModel(1, 2, 3, false));
        future[0] = 99;

        assertThatThrownBy(() -> new PendingModelCodec().decode(future))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 99");
    }

    @Test
    void settingsRefuseNonsense() {
        AggregationSettings defaults = AggregationSettings.defaults();

        assertThat(defaults.debounce()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> defaults.withDebounce(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxDelay(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.withPunctuateInterval(Duration.ofMillis(50)).punctuateInterval()).isEqualTo(Duration.ofMillis(50));
    }
}
