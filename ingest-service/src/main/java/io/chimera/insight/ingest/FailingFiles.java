package io.chimera.insight.ingest;

import io.chimera.insight.ingest.publish.PublishException;
import io.chimera.insight.platform.kafka.RetryPolicy;
import io.chimera.insight.platform.service.ServiceHealth;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The files whose publication failed for a reason that may pass (the cluster unreachable, timed
 * out), with their attempts: each is offered again after the {@link RetryPolicy}'s delay, until the
 * policy is exhausted. The watcher's thread records; {@code /health} reads from any thread.
 */
final class FailingFiles {

    /**
     * What to do after a failed attempt.
     *
     * @param attempts attempts so far at this version of the file, this one included
     * @param delay    how long to wait before the next one; empty when the policy is exhausted
     */
    record Retry(int attempts, Optional<Duration> delay) {
    }

    private record Attempts(String sha256, int failures) {
    }

    private final RetryPolicy policy;
    private final DoubleSupplier random;
    private final Map<String, Attempts> byPath = new ConcurrentHashMap<>();
    private volatile String lastError = "";

    FailingFiles(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * An attempt at {@code path} failed; a changed version starts counting again. When the policy is
     * exhausted the file is forgotten here: its caller dead-letters it.
     */
    Retry failed(String path, String sha256, PublishException error) {
        lastError = path + ": " + error.getMessage();
        Attempts before = byPath.get(path);
        int failures = before != null && before.sha256().equals(sha256) ? before.failures() + 1 : 1;
        if (policy.exhausted(failures)) {
            byPath.remove(path);
            return new Retry(failures, Optional.empty());
        }
        byPath.put(path, new Attempts(sha256, failures));
        return new Retry(failures, Optional.of(policy.delayAfter(failures, random)));
    }

    /** The file was published, found published already, or dead-lettered: it is not failing any more. */
    void settled(String path) {
        byPath.remove(path);
    }

    /** DEGRADED while some file is waiting for another attempt, with how many and the last error. */
    ServiceHealth health(boolean running) {
        int failing = byPath.size();
        if (!running || failing == 0) {
            return ServiceHealth.running(running);
        }
        return ServiceHealth.degraded(failing + (failing == 1 ? " file" : " files")
                + " failing to publish, retried with backoff; last error: " + lastError);
    }
}
