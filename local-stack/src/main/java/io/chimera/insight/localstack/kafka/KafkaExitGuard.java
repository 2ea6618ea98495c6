package io.chimera.insight.localstack.kafka;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an embedded broker's fatal-error path from killing our JVM. Kafka's fault handlers call
 * {@link Exit#exit} / {@link Exit#halt}, which by default end the process — acceptable for a
 * dedicated broker process, not for a CLI or a test JVM that merely hosts one. While at least one
 * embedded broker runs, both procedures throw {@link KafkaFatalError} instead; the defaults come back
 * when the last broker stops. Reference-counted because tests may run brokers side by side.
 */
final class KafkaExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);
    private static int users;

    private KafkaExitGuard() {
    }

    static synchronized void acquire() {
        if (users++ == 0) {
            Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
            Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
        }
    }

    static synchronized void release() {
        if (users > 0 && --users == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static void refuse(String kind, int status, String message) {
        LOG.error("Embedded Kafka asked to {} the JVM with status {} ({}); refusing", kind, status, message);
        throw new KafkaFatalError("embedded Kafka requested " + kind + "(" + status + ")"
                + (message == null ? "" : ": " + message));
    }
}
