package io.chimera.insight.analysis.prompt;

import java.util.List;

/**
 * A prompt ready to send.
 *
 * @param system          persona plus the output contract
 * @param user            the facts and the task
 * @param estimatedTokens estimated tokens of system + user (see {@link TokenEstimator})
 * @param omittedFacts    facts left out to fit the context window, one human-readable line each
 *                        (empty when everything fits)
 */
public record Prompt(String system, String user, int estimatedTokens, List<String> omittedFacts) {

    public Prompt {
        omittedFacts = List.copyOf(omittedFacts);
    }
}
