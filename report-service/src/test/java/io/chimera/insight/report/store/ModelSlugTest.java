package io.chimera.insight.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSlugTest {

    @TempDir
    Path reports;

    @Test
    void aPlainNameIsKept() {
        assertThat(ModelSlug.of("gemma3")).isEqualTo("gemma3");
        assertThat(ModelSlug.of("llama3.1-8b")).isEqualTo("llama3.1-8b");
    }

    @Test
    void aNameWithPunctuationIsCleanedAndKeepsItsIdentity() {
        assertThat(ModelSlug.of("gemma3:270m")).matches("gemma3-270m-[0-9a-f]{8}");
        assertThat(ModelSlug.of("gemma3:270m")).isNotEqualTo(ModelSlug.of("gemma3/270m"));
        assertThat(ModelSlug.of("Gemma3")).isNotEqualTo(ModelSlug.of("gemma3"));
    }

    @Test
    void pathTraversalCannotLeaveTheReportsFolder() {
        String slug = ModelSlug.of("../../etc/passwd");
        assertThat(slug).doesNotContain("/").doesNotContain("..").doesNotStartWith(".");
        Path folder = new ReportStore(reports).folderOf("../../etc/passwd");
        assertThat(folder.getParent()).isEqualTo(reports.toAbsolutePath().normalize());
    }

    @Test
    void aVeryLongNameIsCutToAFolderNameLength() {
        String slug = ModelSlug.of("m".repeat(500));
        assertThat(slug.length()).isLessThanOrEqualTo(80);
        assertThat(ModelSlug.of("m".repeat(500))).isNotEqualTo(ModelSlug.of("m".repeat(499)));
    }

    @Test
    void aNameOfOnlyPunctuationStillGetsAFolder() {
        assertThat(ModelSlug.of("../..")).matches("model-[0-9a-f]{8}");
        assertThat(ModelSlug.of("")).matches("model-[0-9a-f]{8}");
    }
}
