package io.chimera.insight.report.chart;

/** Text from the data as it may appear in a chart. */
final class ChartText {

    private static final int MAX_MODEL = 60;

    private ChartText() {
    }

    /** A model name on one line, cut to fit a title (the report's heading carries it in full). */
    static String model(String model) {
        String oneLine = model.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= MAX_MODEL ? oneLine : oneLine.substring(0, MAX_MODEL - 1) + "…";
    }
}
