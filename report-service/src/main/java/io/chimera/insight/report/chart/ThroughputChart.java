package io.chimera.insight.report.chart;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.report.render.Headlines;
import java.awt.BasicStroke;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Tokens/s by configuration: one horizontal bar per configuration at its mean, a whisker of one
 * standard deviation either side, and a diamond at its median; fastest first.
 */
final class ThroughputChart {

    static final String FILE = "tokens-per-s-by-config.svg";
    /** More bars than this stop being readable; the fastest are shown and the subtitle says so. */
    static final int MAX_CONFIGS = 40;
    private static final int WIDTH = 900;
    private static final int BAR_HEIGHT = 22;
    private static final String MEAN = "mean ± 1 standard deviation";
    private static final String MEDIAN = "median (p50)";

    private ThroughputChart() {
    }

    static Optional<RenderedChart> render(ModelMetrics metrics) {
        List<ConfigStats> measured = metrics.getConfigs().stream()
                .filter(c -> stats(c) != null)
                .sorted(Comparator.comparingDouble((ConfigStats c) -> stats(c).getMean()).reversed()
                        .thenComparing(ConfigStats::getConfigKey))
                .toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigStats> shown = measured.subList(0, Math.min(MAX_CONFIGS, measured.size()));
        DefaultStatisticalCategoryDataset means = new DefaultStatisticalCategoryDataset();
        DefaultCategoryDataset medians = new DefaultCategoryDataset();
        for (ConfigStats config : shown) {
            MetricStats tps = stats(config);
            String label = Headlines.configLabel(config);
            means.add(tps.getMean(), tps.getStddev(), MEAN, label);
            medians.addValue(tps.getP50(), MEDIAN, label);
        }
        String unit = stats(shown.get(0)).getUnit();
        CategoryAxis configs = new CategoryAxis("configuration");
        configs.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis values = new NumberAxis(
                "throughput (" + (unit.isEmpty() ? CanonicalMetric.TOKENS_PER_S.unit() : unit) + ")");
        StatisticalBarRenderer bars = new StatisticalBarRenderer();
        bars.setSeriesPaint(0, ChartStyle.BAR);
        bars.setErrorIndicatorPaint(ChartStyle.ERROR_BAR);
        bars.setErrorIndicatorStroke(new BasicStroke(1.2f));
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.0);
        LineAndShapeRenderer markers = new LineAndShapeRenderer(false, true);
        markers.setSeriesPaint(0, ChartStyle.MARKER);
        markers.setSeriesShape(0, ShapeUtils.createDiamond(5f));
        CategoryPlot plot = new CategoryPlot(means, configs, values, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setDataset(1, medians);
        plot.setRenderer(1, markers);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        String title = ChartText.model(metrics.getModel()) + ": tokens/s by configuration";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        String subtitle = "successful runs per configuration; whiskers: ±1 standard deviation"
                + (shown.size() < measured.size()
                ? "; the " + shown.size() + " fastest of " + measured.size() + " configurations"
                : "");
        ChartStyle.apply(chart, subtitle);
        int height = 160 + BAR_HEIGHT * shown.size();
        return Optional.of(new RenderedChart(FILE, "Tokens/s by configuration",
                SvgDocument.of(chart, WIDTH, height, "tps")));
    }

    private static MetricStats stats(ConfigStats config) {
        MetricStats stats = config.getMetrics().get(CanonicalMetric.TOKENS_PER_S.canonicalName());
        return stats == null || stats.getCount() == 0 ? null : stats;
    }
}
