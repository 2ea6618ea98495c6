package io.chimera.insight.bench.result;

import java.util.ArrayList;
import java.util.List;

/** The figures of one bench run, in the order they were measured, as a Markdown table. */
public final class ResultTable {

    private final List<Figure> figures = new ArrayList<>();

    public void add(Figure figure) {
        figures.add(figure);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public long misses() {
        return figures.stream().filter(f -> f.verdict() == Verdict.MISS).count();
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| # | figure | value | target | result |\n");
        md.append("|---|---|---|---|---|\n");
        int row = 1;
        for (Figure figure : figures) {
            md.append("| ").append(row++).append(" | ").append(cell(figure.name())).append(" | ")
                    .append(cell(figure.value())).append(" | ").append(cell(figure.target())).append(" | ")
                    .append(figure.verdict().label()).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
