package io.chimera.insight.bench.corpus;

/**
 * The figures of one generated run, in the units rigs write (seconds, tokens/s, counts).
 * A failed run carries its error and zeros, as the real rigs write it.
 */
record RunSample(double ttftS, double tokensS, double loadS, double promptEvalS, double evalS, int promptEvalCount,
                 int evalCount, int responseChars, String error) {

    boolean failed() {
        return error != null;
    }

    double totalS() {
        return loadS + promptEvalS + evalS;
    }
}
