package io.chimera.insight.bench;

import picocli.CommandLine.Option;

/**
 * What the generated corpus is about and how it is drawn, beside its size ({@code --files}, whose
 * default each command sets): the same options, and so the same files, in {@code chimera bench} and
 * {@code chimera bench job}.
 */
public final class CorpusOptions {

    @Option(names = "--models", paramLabel = "M", defaultValue = "20",
            description = "Models the corpus is about (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated corpus: the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    public int models() {
        return models;
    }

    public long seed() {
        return seed;
    }
}
