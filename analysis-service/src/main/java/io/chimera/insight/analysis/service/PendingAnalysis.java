package io.chimera.insight.analysis.service;

import org.apache.kafka.common.TopicPartition;

/**
 * One consumed request from the moment it is read until its offset may be committed: waiting to
 * run, running, or parked for a retry after no worker answered. Confined to the loop thread (other
 * threads only hand it back by identity).
 */
final class PendingAnalysis {

    private final TopicPartition partition;
    private final long offset;
    private final PreparedAnalysis prepared;
    private int attempts;
    private int unavailableRounds;
    private boolean unavailablePublished;
    private long retryAtMillis;

    PendingAnalysis(TopicPartition partition, long offset, PreparedAnalysis prepared) {
        this.partition = partition;
        this.offset = offset;
        this.prepared = prepared;
    }

    TopicPartition partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    PreparedAnalysis prepared() {
        return prepared;
    }

    String model() {
        return prepared.model();
    }

    /** Calls sent to workers for this request so far, over every round. */
    int attempts() {
        return attempts;
    }

    /** Records a round in which no worker answered, and when to try again. */
    void unavailableRound(int attemptsSoFar, long retryAt) {
        attempts = attemptsSoFar;
        retryAtMillis = retryAt;
        unavailableRounds++;
    }

    int unavailableRounds() {
        return unavailableRounds;
    }

    long retryAtMillis() {
        return retryAtMillis;
    }

    /** Whether its LLM_UNAVAILABLE result is out already (published once, not once per round). */
    boolean unavailablePublished() {
        return unavailablePublished;
    }

    void markUnavailablePublished() {
        unavailablePublished = true;
    }

    @Override
    public String toString() {
        return partition + "@" + offset + " (" + model() + ")";
    }
}
