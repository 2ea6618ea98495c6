package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.code;
import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import io.chimera.insight.report.inventory.FileFacts;
import io.chimera.insight.report.inventory.Inventory;
import java.util.List;

/** Where every figure comes from, and how far the narrative's numbers were confirmed. */
final class ProvenanceSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        AnalysisResult analysis = input.analysis();
        md.append("## Provenance\n\n");
        md.append("The summary's facts, the metrics, the configuration comparison, the charts and the data ")
                .append("inventory are computed from the runs of these files only:\n\n");
        for (Inventory.Entry entry : input.inventory().files()) {
            md.append("- ").append(code(entry.path()));
            entry.facts().ifPresent(f -> md.append(": ").append(runs(f)));
            md.append('\n');
        }
        md.append('\n');
        List<String> omitted = analysis.getOmittedFacts();
        if (!omitted.isEmpty()) {
            md.append("Left out of the LLM's prompt to fit its context window: ")
                    .append(String.join("; ", omitted.stream().map(MarkdownText::inline).toList())).append(".\n\n");
        }
        Verification verification = analysis.getVerification();
        if (verification == null) {
            md.append("Narrative verification: none, as there is no narrative.\n\n");
            return;
        }
        md.append("Narrative verification: ").append(verification.getChecked()).append(" number(s) checked, ")
                .append(verification.getVerified()).append(" matched the data.");
        List<UnverifiedNumber> unverified = verification.getUnverified();
        if (unverified.isEmpty()) {
            md.append("\n\n");
            return;
        }
        md.append(" **Unverified numbers** (match no figure of the data; do not rely on them):\n\n");
        unverified.forEach(u -> md.append("- ").append(inline(u.getText())).append(" in: ")
                .append(inline(u.getSentence())).append('\n'));
        md.append('\n');
    }

    private static String runs(FileFacts facts) {
        return facts.runs() + " run(s) in the file" + (facts.failedRuns() > 0 ? ", " + facts.failedRuns()
                + " failed" : "") + ", read " + facts.ingestedAt();
    }
}
