package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonRendererTest {

    @Test
    void twoSectionsCannotWriteOneField() {
        ReportJsonRenderer renderer = new ReportJsonRenderer(List.of(new HeaderSection(), new HeaderSection()));

        assertThatThrownBy(() -> renderer.render(ReportFixtures.completeInput()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("HeaderSection writes the JSON field model another section already wrote");
    }
}
