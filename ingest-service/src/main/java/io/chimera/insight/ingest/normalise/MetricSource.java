package io.chimera.insight.ingest.normalise;

import java.util.Optional;

/**
 * How one source field feeds a canonical metric.
 *
 * @param sourceName the field name (snake_case) as rigs write it
 * @param canonicalName the canonical metric ({@code ttft_ms})
 * @param canonicalUnit the canonical metric's unit
 * @param sourceUnit the unit the field is written in; empty when the name carries no unit and the
 *                   value must say it ({@code "41.89 tok/s"})
 */
public record MetricSource(String sourceName, String canonicalName, Unit canonicalUnit, Optional<Unit> sourceUnit) {
}
