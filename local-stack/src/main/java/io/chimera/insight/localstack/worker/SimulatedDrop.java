package io.chimera.insight.localstack.worker;

/**
 * Thrown out of a request handler to make the JDK HTTP server close the connection without
 * finishing the chunked body: the only way its API offers to cut a response short, which is
 * exactly what a crashed GPU worker looks like to a client.
 */
final class SimulatedDrop extends RuntimeException {

    SimulatedDrop() {
        super("simulated connection drop", null, false, false);
    }
}
