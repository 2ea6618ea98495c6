package io.chimera.insight.report.chart;

import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.report.render.Figures;
import java.awt.Font;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** The model's time-to-first-token percentiles (p50, p90, p95, p99) as labelled bars. */
final class TtftPercentileChart {

    static final String FILE = "ttft-percentiles.svg";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 460;

    private TtftPercentileChart() {
    }

    static Optional<RenderedChart> render(ModelMetrics metrics) {
        MetricStats ttft = metrics.getMetrics().get(CanonicalMetric.TTFT_MS.canonicalName());
        if (ttft == null || ttft.getCount() == 0) {
            return Optional.empty();
        }
        DefaultCategoryDataset percentiles = new DefaultCategoryDataset();
        String series = "TTFT";
        percentiles.addValue(ttft.getP50(), series, "p50");
        percentiles.addValue(ttft.getP90(), series, "p90");
        percentiles.addValue(ttft.getP95(), series, "p95");
        percentiles.addValue(ttft.getP99(), series, "p99");
        BarRenderer bars = new BarRenderer();
        bars.setSeriesPaint(0, ChartStyle.BAR);
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.15);
        bars.setDefaultItemLabelGenerator(new FigureLabels());
        bars.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 12));
        bars.setDefaultItemLabelsVisible(true);
        String unit = ttft.getUnit().isEmpty() ? CanonicalMetric.TTFT_MS.unit() : ttft.getUnit();
        NumberAxis values = new NumberAxis("time to first token (" + unit + ")");
        values.setUpperMargin(0.12); // room for the labels above the bars
        CategoryPlot plot = new CategoryPlot(percentiles, new CategoryAxis("percentile"), values, bars);
        String title = ChartText.model(metrics.getModel()) + ": time to first token percentiles";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartStyle.apply(chart, ttft.getCount() + " successful runs; percentiles from a DDSketch (1 % relative "
                + "accuracy); min " + Figures.format(ttft.getMin()) + " " + unit + ", max "
                + Figures.format(ttft.getMax()) + " " + unit);
        return Optional.of(new RenderedChart(FILE, "Time to first token percentiles",
                SvgDocument.of(chart, WIDTH, HEIGHT, "ttft")));
    }

    /** Bar labels printed the way the report prints figures. */
    private static final class FigureLabels implements CategoryItemLabelGenerator {

        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return dataset.getRowKey(row).toString();
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return dataset.getColumnKey(column).toString();
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number value = dataset.getValue(row, column);
            return value == null ? "" : Figures.format(value.doubleValue());
        }
    }
}
