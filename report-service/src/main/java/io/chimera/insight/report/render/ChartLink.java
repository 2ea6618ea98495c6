package io.chimera.insight.report.render;

import java.util.Objects;

/**
 * A chart file beside the report, as the Markdown links it.
 *
 * @param fileName the SVG's name in the report's folder
 * @param title    the image's alt text
 */
public record ChartLink(String fileName, String title) {

    public ChartLink {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(title, "title");
    }
}
