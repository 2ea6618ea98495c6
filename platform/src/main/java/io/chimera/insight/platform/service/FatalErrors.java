package io.chimera.insight.platform.service;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process does when it cannot go on: an {@link Error} (out of memory, stack overflow, a
 * class that cannot be linked) escaping one of our threads, a Kafka client thread or a stream
 * thread; the embedded broker asking to exit or halt; a service stopped for good (a loop whose
 * producer was fenced or refused, a Kafka Streams client in state ERROR).
 *
 * <p>By default such an error is only logged: library code and tests (whose JVM may host brokers)
 * must never end their process. The {@code chimera} CLI calls {@link #exitOnFatal} first thing;
 * from then on the first fatal error prints one line to stderr,
 * {@code chimera: fatal: <what> in <where>: <message>; exiting}, logs it, and ends the JVM with
 * {@link #EXIT_CODE}: through {@link Runtime#exit} on a thread of its own (the shutdown hooks close
 * the services, as on SIGTERM; never on the failing thread, which a hook may be waiting for), and
 * through {@link Runtime#halt} when that has not finished within {@link #ORDERLY_SHUTDOWN} (after
 * an out-of-memory error a hook may never return). A process half dead, serving {@code /health}
 * while its broker or stream threads are gone, is what this replaces: nothing in it would recover.
 */
public final class FatalErrors {

    /** The exit code of a process a fatal error ended (sysexits' EX_SOFTWARE). */
    public static final int EXIT_CODE = 70;

    /** How long the shutdown hooks may run after a fatal error before the JVM is halted. */
    public static final Duration ORDERLY_SHUTDOWN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);

    /** The exiting policy, once the CLI installed it; null: report only. */
    private static volatile FatalErrors exiting;

    /** How the process ends; the JVM's own in the CLI, a recorder in tests. */
    interface Jvm {
        /** Runs the shutdown hooks, then ends the process; may never return. */
        void exit(int status);

        /** Ends the process at once. */
        void halt(int status);
    }

    private static final Jvm RUNTIME = new Jvm() {
        @Override
        public void exit(int status) {
            Runtime.getRuntime().exit(status);
        }

        @Override
        public void halt(int status) {
            Runtime.getRuntime().halt(status);
        }
    };

    private final PrintStream err;
    private final Jvm jvm;
    private final Duration orderly;
    private final AtomicBoolean ending = new AtomicBoolean();

    FatalErrors(PrintStream err, Jvm jvm, Duration orderly) {
        this.err = err;
        this.jvm = jvm;
        this.orderly = orderly;
    }

    /**
     * Makes every later fatal error end this process (see the class comment), and routes what
     * escapes a thread with no handler of its own to {@link #uncaught}. For the CLI's {@code main}
     * only: a test or a library user keeps the default, report only.
     */
    public static synchronized void exitOnFatal(PrintStream err) {
        if (exiting == null) {
            exiting = new FatalErrors(err, RUNTIME, ORDERLY_SHUTDOWN);
            Thread.setDefaultUncaughtExceptionHandler(FatalErrors::uncaught);
        }
    }

    /**
     * A fatal error: logged; under {@link #exitOnFatal} the process ends (this call returns at
     * once all the same: the caller's thread may be one the shutdown waits for).
     *
     * @param what    what happened ({@code java.lang.OutOfMemoryError}, {@code embedded Kafka broker requested halt(1)})
     * @param where   the service or thread it happened in
     * @param message its message
     * @param cause   the error, for the log's stack trace; may be null
     */
    public static void fatal(String what, String where, String message, Throwable cause) {
        FatalErrors policy = exiting;
        if (policy == null) {
            log.error("fatal: {} in {}: {} (this process is not set to exit on fatal errors)", what, where, message,
                    cause);
        } else {
            policy.end(what, where, message, cause);
        }
    }

    /**
     * A fatal error named after the {@link Error} in {@code error}'s causes (or {@code error} itself
     * when none is): its class and message.
     */
    public static void fatal(String where, Throwable error) {
        Throwable named = rootError(error);
        fatal(named.getClass().getName(), where, messageOf(named), error);
    }

    /**
     * The handler of whatever escapes a thread: an {@link #isFatal fatal} throwable is a fatal error
     * of that thread; an exception only ended its thread, and is logged (the service that owned the
     * thread says in its health whether it still runs).
     */
    public static void uncaught(Thread thread, Throwable error) {
        if (isFatal(error)) {
            fatal("thread " + thread.getName(), error);
        } else {
            log.error("uncaught exception in thread {}", thread.getName(), error);
        }
    }

    /** An {@link Error}, or an exception caused by one (Kafka and executors wrap what they catch). */
    public static boolean isFatal(Throwable error) {
        return rootError(error) instanceof Error;
    }

    /**
     * Ends the process with {@code status}, unless a fatal error is ending it already: then waits for
     * that, so the process's exit code is {@link #EXIT_CODE} and not the code of a command whose
     * services the fatal error stopped under it.
     */
    public static void exit(int status) {
        FatalErrors policy = exiting;
        if (policy != null && policy.ending.get()) {
            sleepForever();
        }
        Runtime.getRuntime().exit(status);
    }

    /**
     * Halts the JVM with {@code status}, saying {@code why} on stderr, unless the process has ended
     * within {@code deadline}: bounds a shutdown that may hang. Returns the daemon thread that waits.
     */
    public static Thread haltAfter(Duration deadline, int status, String why) {
        return haltAfter(deadline, status, why, System.err, RUNTIME);
    }

    private static Thread haltAfter(Duration deadline, int status, String why, PrintStream err, Jvm jvm) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            err.println("chimera: " + why + "; halting");
            err.flush();
            jvm.halt(status);
        }, "chimera-halt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    void end(String what, String where, String message, Throwable cause) {
        String line = "chimera: fatal: " + what + " in " + where + ": " + message + "; exiting";
        if (!ending.compareAndSet(false, true)) {
            log.error("while exiting on an earlier fatal error: {}", line, cause);
            return;
        }
        try {
            err.println(line);
            err.flush();
            log.error(line, cause);
            haltAfter(orderly, EXIT_CODE, "the orderly shutdown did not end within " + spoken(orderly), err,
                    jvm);
            Thread exit = new Thread(() -> jvm.exit(EXIT_CODE), "chimera-fatal-exit");
            exit.setDaemon(true);
            exit.start();
        } catch (Throwable e) { // out of memory even for this: no orderly way left
            jvm.halt(EXIT_CODE);
        }
    }

    /** Whether a fatal error is ending the process. */
    boolean ending() {
        return ending.get();
    }

    private static Throwable rootError(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) { // bounded: chains may loop
            if (cause instanceof Error) {
                return cause;
            }
        }
        return error;
    }

    private static String spoken(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String messageOf(Throwable error) {
        return error.getMessage() == null ? "(no message)" : error.getMessage();
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the fatal path ends the process; nothing else may
            }
        }
    }
}
