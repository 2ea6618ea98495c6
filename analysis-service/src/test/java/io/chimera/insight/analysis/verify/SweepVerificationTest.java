package io.chimera.insight.analysis.verify;

import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.analysis.prompt.PromptSettings;
import io.chimera.insight.analysis.prompt.SweepFixture;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier on the real gemma3 270m sweep ({@link SweepFixture}): it knows every number the prompt
 * shows (cold starts, effects, levels, intervals), in the units and roundings the prompt writes them,
 * and still flags a number that is none of them.
 */
class SweepVerificationTest {

    private static final ModelMetrics SWEEP = SweepFixture.gemma270mSweep();

    /** The strongest form of "the verifier knows the prompt's numbers": the prompt's own facts, quoted whole. */
    @Test
    void everyNumberTheSweepPromptShowsIsAFactTheVerifierKnows() {
        for (PromptSettings settings : List.of(PromptSettings.defaults(), PromptSettings.defaults().withContext(2600, 512))) {
            String facts = new PromptBuilder(settings).build(SWEEP).user();

            Verification verification = verify(facts);

            assertThat(verification.getUnverified()).as("numbers of the prompt at num_ctx %s", settings.numCtx())
                    .isEmpty();
            assertThat(verification.getChecked()).isGreaterThan(150);
        }
    }

    /**
     * Cold share 11 / 34 = 32.4 %; TTFT p50 cold over warm 1200.13 / 64.72 = 18.5; num_gpu=999 over num_gpu=60,
     * mean tokens/s: 293.51 / 269.86 − 1 = 8.8 %; η² 0.339 = 34 % of the variance.
     */
    @Test
    void aNarrativeQuotingTheNewFactsIsVerified() {
        Verification verification = verify(
                "11 of 34 successful runs were cold (32%): a cold start loaded the model for about 1 s and its median"
                        + " TTFT of 1.2 s is 18.5x the warm 64.72 ms. "
                        + "num_gpu explains 34% of the throughput variance (eta² 0.339, Holm-adjusted p=0.295, not"
                        + " significant at 0.05 over 6 tests), a spread of 8.25%. "
                        + "num_gpu=999 averaged 293.51 tokens/s (95% CI 288.22 to 298.79, n=9), 8.8% more than"
                        + " num_gpu=60 at 269.86 tokens/s. Warm TTFT by num_gpu spreads 51.19% (p=0.499).");

        assertThat(verification.getUnverified()).isEmpty();
        assertThat(verification.getVerified()).isEqualTo(verification.getChecked()).isGreaterThanOrEqualTo(20);
    }

    /** The interaction and recommendation facts the prompt now carries, quoted as an LLM would. */
    @Test
    void aNarrativeQuotingTheInteractionAndRecommendationsIsVerified() {
        Verification verification = verify(
                "Of 6 interaction tests, 1 is flagged: for tokens/s the effect of num_ctx depends on num_gpu"
                        + " (Holm-adjusted p=0.0000407, eta² 0.403, 40.3% of the variance); the cell num_ctx=1024,"
                        + " num_gpu=60 lies 16.28% below the additive fit, on n=1 run. num_gpu has no measurable"
                        + " effect on warm TTFT (n = 23 over 4 levels); keep the model warm: 11 of 34 runs paid a"
                        + " 1002.4 ms load.");

        assertThat(verification.getUnverified()).isEmpty();
        assertThat(verification.getVerified()).isEqualTo(verification.getChecked()).isGreaterThanOrEqualTo(14);
    }

    /** An interaction strength no fact supports is flagged. */
    @Test
    void anInventedInteractionIsFlagged() {
        Verification verification = verify("num_ctx and num_gpu interact with p=0.0031.");

        assertThat(verification.getUnverified()).extracting(UnverifiedNumber::getText).containsExactly("0.0031");
    }

    @Test
    void inventedEffectsAreFlagged() {
        Verification verification = verify("Temperature 0.8 costs 23.5 tokens/s against 0.4. "
                + "num_ctx is significant (p=0.0042), with an eta² of 0.81 for TTFT.");

        assertThat(verification.getUnverified()).extracting(UnverifiedNumber::getText)
                .containsExactly("23.5", "0.0042", "0.81");
    }

    /**
     * The verifier checks numbers, not claims: "1.1 s" is within rounding of a configuration's mean TTFT
     * (num_ctx=1024, num_gpu=999, temperature=0.2: 1148.51 ms), so "temperature costs 1.1 s" passes, while
     * "13.7 s", which no fact of the sweep rounds to, is flagged.
     */
    @Test
    void aNumberWithinRoundingOfSomeFactPassesWhateverItIsSaidToBe() {
        Verification verification = verify("Temperature costs 1.1 s. Temperature costs 13.7 s.");

        assertThat(verification.getUnverified()).extracting(UnverifiedNumber::getText).containsExactly("13.7");
    }

    private static Verification verify(String text) {
        Narrative narrative = Narrative.newBuilder().setSummary(text).setFindings(List.of())
                .setRecommendations(List.of()).setRisks(List.of()).build();
        return NarrativeVerifier.verify(narrative, SWEEP);
    }
}
