package io.chimera.insight.aggregate.topology;

import io.chimera.insight.events.ModelChanges;

/**
 * What evaluating a due model's series gave: its changes as they stand after it (null when change
 * detection is off), and whether it published any event. When it did, the model's aggregate is
 * emitted on {@code model-metrics} at that moment even if no run arrived since the last emission,
 * so the compacted topic never keeps changes older than the events.
 */
record ChangeEvaluation(ModelChanges changes, boolean published) {

    static final ChangeEvaluation OFF = new ChangeEvaluation(null, false);
}
