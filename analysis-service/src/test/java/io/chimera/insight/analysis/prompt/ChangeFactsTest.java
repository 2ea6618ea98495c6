package io.chimera.insight.analysis.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prompt carries the model's standing performance changes as facts, newest first, never a
 * retracted one, and drops them first when the facts do not fit.
 */
class ChangeFactsTest {

    private static final ModelMetrics WITH_CHANGES = ChangesFixture.sweepWithChanges();

    @Test
    void eachStandingChangeIsAFactLineNewestFirst() {
        Prompt prompt = PromptBuilder.withDefaults().build(WITH_CHANGES);

        String regression = "- tokens_per_s regression in num_ctx=1024, num_gpu=999, temperature=0.2: before n=12, "
                + "mean=295 tokens/s (95% CI 293.9 to 296.1); after n=5, mean=259.6 tokens/s (95% CI 257 to 262.2); "
                + "change=-12%, p=0.0000000024 (Student t); first run after it in runs/2026-11-27.csv at 2026-11-27T12:00:00Z";
        String improvement = "- ttft_ms improvement in num_ctx=1024, num_gpu=999, temperature=0.2: before n=20, "
                + "mean=80 ms (95% CI 78.5 to 81.5); after n=8, mean=61 ms (95% CI 60.1 to 61.9); change=-23.75%";
        assertThat(prompt.omittedFacts()).isEmpty();
        assertThat(prompt.user()).contains(ChangeFacts.HEADING, regression, improvement);
        assertThat(prompt.user().indexOf(regression)).isLessThan(prompt.user().indexOf(improvement));
        assertThat(prompt.user()).doesNotContain("runs/2026-11-25.csv");
        assertThat(prompt.user().indexOf(ChangeFacts.HEADING))
                .isGreaterThan(prompt.user().indexOf(FactSheet.CONFIGS_HEADING));
    }

    @Test
    void withNoChangeOneLineSaysWhatWasWatchedAndWithoutDetectionThereIsNoBlock() {
        ModelMetrics none = ModelMetrics.newBuilder(SweepFixture.gemma270mSweep()).setChanges(ModelChanges.newBuilder()
                .setWatchedSeries(72).setWatchedMetrics(List.of("tokens_per_s", "ttft_ms")).build()).build();

        assertThat(PromptBuilder.withDefaults().build(none).user())
                .contains(ChangeFacts.HEADING + "\n- none detected in 72 series of tokens_per_s and ttft_ms");
        assertThat(PromptBuilder.withDefaults().build(SweepFixture.gemma270mSweep()).user())
                .doesNotContain(ChangeFacts.HEADING);
    }

    /** At num_ctx 2048 the sweep's facts do not fit: the changes are the lowest priority, the oldest last. */
    @Test
    void overBudgetTheChangesGoFirstOldestFirst() {
        Prompt prompt = new PromptBuilder(PromptSettings.defaults().withContext(2048, 512)).build(WITH_CHANGES);

        List<String> omitted = prompt.omittedFacts();
        assertThat(omitted).hasSizeGreaterThan(2);
        assertThat(omitted.subList(omitted.size() - 2, omitted.size())).containsExactly(
                "performance change of tokens_per_s in num_ctx=1024, num_gpu=999, temperature=0.2 from 2026-11-27T12:00:00Z",
                "performance change of ttft_ms in num_ctx=1024, num_gpu=999, temperature=0.2 from 2026-11-26T08:00:00Z");
        assertThat(prompt.user()).contains(ChangeFacts.HEADING + "\n- (2 older changes omitted)");
    }
}
