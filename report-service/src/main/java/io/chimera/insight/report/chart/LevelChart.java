package io.chimera.insight.report.chart;

import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.LevelStats;
import io.chimera.insight.platform.stats.ParameterEffect;
import io.chimera.insight.platform.stats.ParameterEffects;
import io.chimera.insight.report.render.Figures;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Tokens/s by level of one configuration key ({@link ParameterEffects}): a bar per level at its mean,
 * pooled over the other keys, a whisker for its 95 % interval of the mean (none for a single run),
 * and each level's n under it. One chart for each of the two keys ranked first for tokens/s.
 *
 * <p>The files are named by rank, not by key, so a chart whose key drops out of the top two is
 * replaced or removed rather than left behind under an old name.
 */
final class LevelChart {

    /** How many keys get a chart: the two that explain most of the tokens/s variance. */
    static final int KEYS = 2;
    /** The file of the chart of the key ranked {@code rank} (1 or 2). */
    static final List<String> FILES = List.of("tokens-per-s-by-parameter-1.svg", "tokens-per-s-by-parameter-2.svg");
    /** More bars than this stop being readable; the first levels are shown and the subtitle says so. */
    static final int MAX_LEVELS = 30;
    private static final int HEIGHT = 480;
    private static final String SERIES = "mean, whisker: 95 % interval of the mean";

    private LevelChart() {
    }

    /** The charts of the top {@value #KEYS} tokens/s keys, in rank order; none without a key of two levels. */
    static List<RenderedChart> render(ModelMetrics metrics) {
        // A key confounded with one already charted would draw the same bars again under another name: skipped.
        List<ParameterEffect> ranked = new ArrayList<>();
        for (ParameterEffect effect : ParameterEffects.of(metrics).effects()) {
            if (effect.metric().equals(ComparedMetric.TOKENS_PER_S) && ranked.size() < KEYS
                    && ranked.stream().noneMatch(shown -> effect.confoundedWith().contains(shown.key()))) {
                ranked.add(effect);
            }
        }
        List<RenderedChart> charts = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            charts.add(chart(metrics, ranked.get(i), FILES.get(i), i + 1));
        }
        return charts;
    }

    private static RenderedChart chart(ModelMetrics metrics, ParameterEffect effect, String file, int position) {
        List<LevelStats> levels = effect.levels();
        List<LevelStats> shown = levels.subList(0, Math.min(MAX_LEVELS, levels.size()));
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (LevelStats level : shown) {
            // The dataset's "standard deviation" is drawn as a symmetric whisker: here the interval's half-width.
            Double halfWidth = level.ciHigh() == null ? null : level.ciHigh() - level.mean();
            dataset.add((Number) level.mean(), halfWidth, SERIES, level.level() + " (n = " + level.count() + ")");
        }
        CategoryAxis axis = new CategoryAxis(effect.key());
        axis.setCategoryLabelPositions(shown.size() > 8 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        NumberAxis values = new NumberAxis("throughput (" + CanonicalMetric.TOKENS_PER_S.unit() + ")");
        StatisticalBarRenderer bars = new StatisticalBarRenderer();
        bars.setSeriesPaint(0, ChartStyle.BAR);
        bars.setErrorIndicatorPaint(ChartStyle.ERROR_BAR);
        bars.setErrorIndicatorStroke(new BasicStroke(1.2f));
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(dataset, axis, values, bars);
        String title = ChartText.model(metrics.getModel()) + ": tokens/s by " + effect.label();
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart, subtitle(effect, shown.size(), levels.size()));
        int width = Math.max(720, 160 + 70 * shown.size());
        return new RenderedChart(file, "Tokens/s by " + effect.label() + " (rank " + effect.rank()
                + " for tokens/s)", SvgDocument.of(chart, width, HEIGHT, "level" + position));
    }

    /** Where the figures come from and how far to trust them: runs, rank, η², corrected p. */
    private static String subtitle(ParameterEffect effect, int shown, int levels) {
        StringBuilder text = new StringBuilder(effect.population())
                .append(", levels pooled over the other keys; rank ").append(effect.rank()).append(" for tokens/s, η² ")
                .append(effect.etaSquared() == null ? "n/a" : Figures.format(effect.etaSquared()))
                .append(", p (").append(ParameterEffects.CORRECTION).append(") ")
                .append(effect.adjustedP() == null ? "not tested" : Figures.format(effect.adjustedP()));
        if (shown < levels) {
            text.append("; the first ").append(shown).append(" of ").append(levels).append(" levels");
        }
        return text.toString();
    }
}
