package io.chimera.insight.localstack.worker;

/**
 * The timing and token counts of one simulated generation, in Ollama's units (nanoseconds), as
 * measured by the simulator's own clock so they agree with what a client observes.
 */
record GenerationStats(long totalNs, long loadNs, int promptEvalCount, long promptEvalNs, int evalCount, long evalNs) {
}
