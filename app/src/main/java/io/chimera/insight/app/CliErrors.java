package io.chimera.insight.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear line and an exit code, instead of a stack
 * trace: a wrong flag or an unreachable cluster is the user's to fix, not a bug to report. Set
 * CHIMERA_DEBUG=1 to see the stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler {

    /** Exit code for bad usage or configuration. */
    static final int USAGE = 2;
    /** Exit code for a failure while running. */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        cli.getErr().println("chimera " + cli.getCommandName() + ": " + messageOf(e));
        if (System.getenv("CHIMERA_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return e instanceof IllegalArgumentException ? USAGE : FAILURE;
    }

    private static String messageOf(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
