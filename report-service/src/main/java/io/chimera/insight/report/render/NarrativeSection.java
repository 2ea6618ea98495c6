package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.cell;
import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import io.chimera.insight.events.Verification;
import java.util.List;

/**
 * Key findings, recommendations and the risk/mitigation table: the LLM's text, escaped, with any
 * number the verifier could not match flagged where it stands.
 */
final class NarrativeSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        AnalysisResult analysis = input.analysis();
        Narrative narrative = analysis.getNarrative();
        if (narrative == null) {
            md.append("## Key findings, recommendations and risks\n\n")
                    .append("_Pending: they are part of the written analysis._\n\n");
            return;
        }
        Verification verification = analysis.getVerification();
        bullets(md, "Key findings", narrative.getFindings(), verification);
        bullets(md, "Recommendations", narrative.getRecommendations(), verification);
        md.append("## Risks and mitigations\n\n");
        if (narrative.getRisks().isEmpty()) {
            md.append("_None given._\n\n");
            return;
        }
        md.append("| risk | mitigation |\n|---|---|\n");
        for (Risk risk : narrative.getRisks()) {
            md.append("| ").append(UnverifiedFlags.flag(cell(risk.getRisk()), risk.getRisk(), verification))
                    .append(" | ")
                    .append(UnverifiedFlags.flag(cell(risk.getMitigation()), risk.getMitigation(), verification))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void bullets(StringBuilder md, String title, List<String> items, Verification verification) {
        md.append("## ").append(title).append("\n\n");
        if (items.isEmpty()) {
            md.append("_None given._\n\n");
            return;
        }
        items.forEach(item -> md.append("- ").append(UnverifiedFlags.flag(inline(item), item, verification))
                .append('\n'));
        md.append('\n');
    }
}
