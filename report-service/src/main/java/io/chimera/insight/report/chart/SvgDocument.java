package io.chimera.insight.report.chart;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

/** Draws a chart into an SVG document, byte for byte the same for the same chart. */
final class SvgDocument {

    static {
        // JFreeChart's default draws rotated text (the vertical axis label) as glyph outlines, a
        // work-around for old JDK screen rendering; in SVG, real text stays searchable and small.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgDocument() {
    }

    /**
     * @param idPrefix prefix of the ids the SVG defines (clip paths, gradients): fixed, where the
     *                 library would otherwise take the clock, so an unchanged chart is an unchanged file
     */
    static String of(JFreeChart chart, int width, int height, String idPrefix) {
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setDefsKeyPrefix(idPrefix);
        chart.draw(svg, new Rectangle(0, 0, width, height));
        // The element alone: the document form adds a DOCTYPE whose DTD a strict reader would fetch.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.getSVGElement() + "\n";
    }
}
