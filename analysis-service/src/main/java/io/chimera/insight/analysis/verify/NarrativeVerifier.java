package io.chimera.insight.analysis.verify;

import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import io.chimera.insight.platform.stats.ModelFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every number in a narrative (summary, findings, recommendations, risks and mitigations)
 * against the facts of the aggregate it was written from. What counts as a number, what is skipped
 * and how precision is read: {@link NumberExtractor}. What a number may match: {@link FactBook}.
 * Bare years are not counted when they match no fact; every other number is counted as checked and
 * is either verified or listed, with its sentence, as unverified.
 *
 * <p>Stateless and thread-safe.
 */
public final class NarrativeVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(NarrativeVerifier.class);

    private NarrativeVerifier() {
    }

    /** Checks the numbers of {@code narrative} against {@code facts}, the aggregate the prompt was built from. */
    public static Verification verify(Narrative narrative, ModelMetrics facts) {
        return verify(narrative, facts, ModelFigures.of(facts));
    }

    /**
     * {@link #verify(Narrative, ModelMetrics)} with the effects, interactions and recommendations of
     * {@code facts} already worked out (those the prompt was built with).
     */
    public static Verification verify(Narrative narrative, ModelMetrics facts, ModelFigures figures) {
        FactBook book = FactBook.of(facts, figures);
        int checked = 0;
        int verified = 0;
        List<UnverifiedNumber> unverified = new ArrayList<>();
        for (String text : texts(narrative)) {
            for (WrittenNumber number : NumberExtractor.extract(text)) {
                Optional<String> fact = book.explain(number);
                if (fact.isEmpty() && number.yearLike()) {
                    continue;
                }
                checked++;
                if (fact.isPresent()) {
                    verified++;
                    LOG.trace("{} matches {}", number.text(), fact.get());
                } else {
                    unverified.add(UnverifiedNumber.newBuilder()
                            .setText(number.text())
                            .setSentence(Sentences.around(text, number.start()))
                            .build());
                }
            }
        }
        return Verification.newBuilder()
                .setChecked(checked)
                .setVerified(verified)
                .setUnverified(unverified)
                .build();
    }

    private static List<String> texts(Narrative narrative) {
        List<String> texts = new ArrayList<>();
        texts.add(narrative.getSummary());
        texts.addAll(narrative.getFindings());
        texts.addAll(narrative.getRecommendations());
        for (Risk risk : narrative.getRisks()) {
            texts.add(risk.getRisk());
            texts.add(risk.getMitigation());
        }
        return texts;
    }
}
