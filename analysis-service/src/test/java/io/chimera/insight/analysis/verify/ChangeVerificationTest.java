package io.chimera.insight.analysis.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.analysis.prompt.ChangesFixture;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier knows the numbers of the performance changes the prompt lists, and flags invented ones. */
class ChangeVerificationTest {

    private static final ModelMetrics WITH_CHANGES = ChangesFixture.sweepWithChanges();

    @Test
    void everyNumberOfThePromptWithChangesIsAFactTheVerifierKnows() {
        Verification verification = verify(PromptBuilder.withDefaults().build(WITH_CHANGES).user());

        assertThat(verification.getUnverified()).isEmpty();
    }

    /** 259.6 / 295 − 1 = −12 %; 295 / 259.6 = 1.14; TTFT 80 → 61 ms is 23.75 % less. */
    @Test
    void aNarrativeQuotingAChangeIsVerified() {
        Verification verification = verify("Throughput regressed by 12% on 2026-11-27: from 295 tokens/s (n=12) to"
                + " 259.6 tokens/s (n=5, 95% CI 257 to 262.2), p=0.0000000024, so the older runs were 1.14x faster."
                + " TTFT improved 23.75% from 80 ms to 61 ms. No change among the other of the 72 series.");

        assertThat(verification.getUnverified()).isEmpty();
        assertThat(verification.getVerified()).isEqualTo(verification.getChecked()).isGreaterThanOrEqualTo(14);
    }

    /**
     * Plain figures of a change that was not detected. (A percentage alone would prove little here: the
     * sweep's 36 configurations give relative differences of nearly any size, and those verify.)
     */
    @Test
    void anInventedChangeIsFlagged() {
        Verification verification = verify("Throughput regressed from 318.4 to 244.7 tokens/s.");

        assertThat(verification.getUnverified()).extracting(UnverifiedNumber::getText)
                .containsExactly("318.4", "244.7");
    }

    private static Verification verify(String text) {
        Narrative narrative = Narrative.newBuilder().setSummary(text).setFindings(List.of())
                .setRecommendations(List.of()).setRisks(List.of()).build();
        return NarrativeVerifier.verify(narrative, WITH_CHANGES);
    }
}
