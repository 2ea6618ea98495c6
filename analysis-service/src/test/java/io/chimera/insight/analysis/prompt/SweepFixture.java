package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ModelMetrics;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The real aggregate of the examples' gemma3 270m sweep ({@code gemma3_270m_param_tuning.csv}: 36
 * runs, 2 failed, 36 configurations of num_gpu × num_ctx × temperature with one run each, 11 cold
 * runs), as the pipeline's ingest and aggregation make it. Written, and kept current, by app's
 * {@code SweepAggregateFixtureTest}, which fails when this file no longer matches what the pipeline
 * makes of the CSV.
 */
public final class SweepFixture {

    private static final String RESOURCE = "/io/chimera/insight/analysis/gemma3-270m-sweep.avro";

    private SweepFixture() {
    }

    public static ModelMetrics gemma270mSweep() {
        try (InputStream in = SweepFixture.class.getResourceAsStream(RESOURCE);
             DataFileStream<ModelMetrics> records = new DataFileStream<>(in, new SpecificDatumReader<>(ModelMetrics.class))) {
            return records.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
