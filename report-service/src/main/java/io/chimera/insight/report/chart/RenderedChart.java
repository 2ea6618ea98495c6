package io.chimera.insight.report.chart;

import java.util.Objects;

/**
 * A chart ready to be written beside the report.
 *
 * @param fileName the SVG's file name in the model's report folder
 * @param title    what the chart shows, also the image's alt text in the Markdown
 * @param svg      the SVG document
 */
public record RenderedChart(String fileName, String title, String svg) {

    public RenderedChart {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(svg, "svg");
    }
}
