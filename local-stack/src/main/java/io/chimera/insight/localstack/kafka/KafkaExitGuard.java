package io.chimera.insight.localstack.kafka;

import io.chimera.insight.platform.service.FatalErrors;
import org.apache.kafka.common.utils.Exit;

/**
 * Takes the embedded broker's fatal-error path out of Kafka's hands. Kafka's fault handlers call
 * {@link Exit#exit} / {@link Exit#halt}, which by default end the process at once with Kafka's
 * status — acceptable for a dedicated broker process, not for a test JVM that merely hosts one, nor
 * for a CLI that should stop its services and say why. While at least one embedded broker runs,
 * both procedures report a {@linkplain FatalErrors fatal error} (Kafka's request, status and
 * message) and throw {@link KafkaFatalError}, so the thread that asked goes no further: in the CLI,
 * whose process exits on fatal errors, the process then ends with the policy's code and message; in
 * tests, which keep the default, the request is only logged and refused. The defaults come back when
 * the last broker stops. Reference-counted because tests may run brokers side by side.
 */
final class KafkaExitGuard {

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
        String request = "embedded Kafka broker requested " + kind + "(" + status + ")";
        FatalErrors.fatal(request, "thread " + Thread.currentThread().getName(),
                message == null ? "(no message)" : message, null);
        throw new KafkaFatalError("embedded Kafka requested " + kind + "(" + status + ")"
                + (message == null ? "" : ": " + message));
    }
}
