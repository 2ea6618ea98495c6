package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code performance-changes} events from the changes change detection keeps. */
public final class ChangeEvents {

    private ChangeEvents() {
    }

    /**
     * The event for {@code change} of {@code series}.
     *
     * @param retractedAt wall clock of the retraction; ignored for a {@code CHANGE}
     */
    public static PerformanceChange of(ChangeEventKind kind, SeriesId series, Map<String, String> config, EmittedChange change,
                                       long retractedAt) {
        return PerformanceChange.newBuilder()
                .setChangeId(changeId(series, change.firstRunId()))
                .setKind(kind)
                .setModel(series.model())
                .setConfigKey(series.configKey())
                .setConfig(Map.copyOf(config))
                .setMetric(series.metric())
                .setUnit(CanonicalMetric.named(series.metric()).map(CanonicalMetric::unit).orElse(""))
                .setDirection(change.direction())
                .setBefore(segment(change.before()))
                .setAfter(segment(change.after()))
                .setChangePercent(change.changeFraction() * 100)
                .setPValue(change.pValue())
                .setTest(change.test())
                .setFirstRunId(change.firstRunId())
                .setFirstRunPath(change.firstRunPath())
                .setFirstRunFileId(change.firstRunFileId())
                .setFirstRunAt(Instant.ofEpochMilli(change.firstRunAt()))
                .setDetectedAt(Instant.ofEpochMilli(change.detectedAt()))
                .setRetractedAt(kind == ChangeEventKind.RETRACTION ? Instant.ofEpochMilli(retractedAt) : null)
                .build();
    }

    /** Stable for a change: the same series and first run give the same id, on every instance and replay. */
    public static String changeId(SeriesId series, String firstRunId) {
        String identity = series.model() + '\n' + series.configKey() + '\n' + series.metric() + '\n' + firstRunId;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ChangeSegment segment(ChangeSegmentStats stats) {
        return ChangeSegment.newBuilder()
                .setN(stats.n())
                .setMean(stats.mean())
                .setCiLow(Double.isFinite(stats.ciLow()) ? stats.ciLow() : null)
                .setCiHigh(Double.isFinite(stats.ciHigh()) ? stats.ciHigh() : null)
                .build();
    }
}
