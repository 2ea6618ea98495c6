package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Links to the SVG charts written beside the report. */
final class ChartsSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        md.append("## Charts\n\n");
        if (input.charts().isEmpty()) {
            md.append("No chart: the data has neither tokens/s nor time to first token.\n\n");
            return;
        }
        for (ChartLink chart : input.charts()) {
            // The file name is ours (fixed names), so it needs no escaping inside the link target.
            md.append("![").append(inline(chart.title())).append("](").append(chart.fileName()).append(")\n\n");
        }
    }

    /** The chart files' names. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ArrayNode charts = fields.putArray("charts");
        input.charts().forEach(chart -> charts.add(chart.fileName()));
    }
}
