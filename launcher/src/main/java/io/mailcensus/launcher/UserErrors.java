package io.mailcensus.launcher;

import picocli.CommandLine;

/**
 * A user's mistake (a missing file, bad SQL, an unknown scan) is one clear line on stderr and
 * exit code 2, never a stack trace. Anything else is a bug: it keeps its stack trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof UserException || e instanceof java.io.IOException
                || e instanceof io.mailcensus.store.StoreException) {
            cli.getErr().println("mailcensus " + cli.getCommandName() + ": " + oneLine(e.getMessage()));
            return 2;
        }
        cli.getErr().println("mailcensus " + cli.getCommandName() + ": internal error (a bug, please report it):");
        e.printStackTrace(cli.getErr());
        return 70;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "failed";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}
