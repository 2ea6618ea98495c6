package io.chimera.insight.ingest;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The copied corpus fixtures (src/test/resources/corpus) and shortcuts to ingest them. */
public final class TestCorpus {

    public static final Instant NOW = Instant.parse("2025-12-01T12:00:00Z");
    public static final MappingRules RULES = MappingRules.bundled();

    private TestCorpus() {
    }

    public static Path root() {
        URL url = TestCorpus.class.getResource("/corpus");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hand-made fixtures (src/test/resources/fixtures, see the README there). */
    public static Path fixtures() {
        URL url = TestCorpus.class.getResource("/fixtures");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FileIngestor ingestor() {
        return new FileIngestor(RULES, FileIngestor.DEFAULT_MAX_FILE_BYTES, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Ingests a corpus file given by its path relative to the corpus root. */
    public static IngestedFile ingest(String relativePath) {
        return ingestor().ingest(root(), root().resolve(relativePath));
    }

    public static BenchmarkRun run(IngestedFile file, String locator) {
        return file.runs().stream().filter(r -> r.getLocator().equals(locator)).findFirst()
                .orElseThrow(() -> new AssertionError("no record at " + locator + " in " + file.path()));
    }

    public static Metric metric(double value, String unit, String sourceName) {
        return Metric.newBuilder().setValue(value).setUnit(unit).setSourceName(sourceName).build();
    }
}
