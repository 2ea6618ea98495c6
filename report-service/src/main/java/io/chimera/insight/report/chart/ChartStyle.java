package io.chimera.insight.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.TextTitle;

/** One look for every report chart: white, light grid, readable labels. */
final class ChartStyle {

    static final Color BAR = new Color(0x3B, 0x6E, 0xA8);
    static final Color MARKER = new Color(0xD9, 0x6C, 0x1E);
    static final Color ERROR_BAR = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 16);
    private static final Font SUBTITLE = new Font("SansSerif", Font.PLAIN, 12);
    private static final Font AXIS_LABEL = new Font("SansSerif", Font.PLAIN, 13);
    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 11);

    private ChartStyle() {
    }

    static void apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(TITLE);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        CategoryAxis categories = plot.getDomainAxis();
        categories.setLabelFont(AXIS_LABEL);
        categories.setTickLabelFont(TICK);
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setLabelFont(AXIS_LABEL);
        values.setTickLabelFont(TICK);
        values.setAutoRangeIncludesZero(true);
        // Ticks as the report prints figures: no thousands separator, whatever the JVM's locale.
        values.setNumberFormatOverride(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
    }
}
