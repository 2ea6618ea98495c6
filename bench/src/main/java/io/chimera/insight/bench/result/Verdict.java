package io.chimera.insight.bench.result;

/** How a figure compares with its target. */
public enum Verdict {
    PASS("pass"),
    MISS("**miss**"),
    /** A figure without a target: a limit of the machine, or context for another figure. */
    INFO("—"),
    /** Not measured in this run; the table says why. */
    PENDING("pending");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
