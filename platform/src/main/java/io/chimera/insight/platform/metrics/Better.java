package io.chimera.insight.platform.metrics;

/** Which way a metric improves. */
public enum Better {
    /** More is better: throughput. */
    HIGHER,
    /** Less is better: times. */
    LOWER,
    /**
     * Neither: counts describe the workload (how many tokens were asked for and produced), not how
     * well it ran, so no configuration is "best" on them.
     */
    NEITHER
}
