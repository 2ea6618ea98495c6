package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of canonical metrics (platform) and the bundled mapping rules must name the same
 * metrics in the same units: the report and the prompt look metrics up by the names ingest writes.
 */
class MappingDefinesCatalogueTest {

    @Test
    void theBundledMappingDefinesEveryCatalogueMetricInItsUnit() {
        MappingRules rules = MappingRules.bundled();

        for (CanonicalMetric metric : CanonicalMetric.values()) {
            // A canonical metric always feeds itself (MappingRulesReader), so this finds exactly the defined ones.
            assertThat(rules.metric(metric.canonicalName())).as(metric.canonicalName()).get().satisfies(source -> {
                assertThat(source.canonicalName()).isEqualTo(metric.canonicalName());
                assertThat(source.canonicalUnit().name()).isEqualTo(metric.unit());
            });
        }
    }

    @Test
    void everyMetricTheBundledMappingDefinesIsCatalogued() throws IOException {
        List<String> defined = new ArrayList<>();
        try (InputStream in = MappingRules.class.getResourceAsStream(MappingRules.BUNDLED_RESOURCE)) {
            new YAMLMapper().readTree(in).path("metrics").fieldNames().forEachRemaining(defined::add);
        }

        assertThat(defined).isNotEmpty().allSatisfy(name ->
                assertThat(CanonicalMetric.named(name)).as("catalogue entry for " + name).isPresent());
    }
}
