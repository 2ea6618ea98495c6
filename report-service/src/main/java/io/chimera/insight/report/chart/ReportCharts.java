package io.chimera.insight.report.chart;

import io.chimera.insight.events.ModelMetrics;
import java.util.ArrayList;
import java.util.List;

/** The charts of a model's report, drawn from its aggregate only. */
public final class ReportCharts {

    /** Every file name a chart may have, so a chart that no longer applies can be removed. */
    public static final List<String> FILE_NAMES = List.of(ThroughputChart.FILE, TtftPercentileChart.FILE,
            LevelChart.FILES.get(0), LevelChart.FILES.get(1));

    private ReportCharts() {
    }

    /**
     * The charts the data supports (none without tokens/s or TTFT; tokens/s by level only for keys with two
     * or more levels), in the order the report shows them.
     */
    public static List<RenderedChart> render(ModelMetrics metrics) {
        List<RenderedChart> charts = new ArrayList<>();
        ThroughputChart.render(metrics).ifPresent(charts::add);
        TtftPercentileChart.render(metrics).ifPresent(charts::add);
        charts.addAll(LevelChart.render(metrics));
        return charts;
    }
}
