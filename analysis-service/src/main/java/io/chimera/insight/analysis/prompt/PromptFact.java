package io.chimera.insight.analysis.prompt;

/**
 * One line of the prompt that may be left out to fit the context window, and how to name it in
 * {@link Prompt#omittedFacts()} if it is. Compared by identity where kept lines are tracked: two
 * facts may read alike.
 */
record PromptFact(String line, String omissionLabel) {
}
