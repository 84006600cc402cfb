package io.mailcensus.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a {@code mailcensus} command in this JVM, as the integration tests do, and captures what
 * it writes: to picocli's writers and to System.out / System.err (which commands still use).
 */
record CommandRun(int code, String out, String err) {

    static CommandRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        return new CommandRun(code, out + capturedOut.toString(StandardCharsets.UTF_8),
                err + capturedErr.toString(StandardCharsets.UTF_8));
    }
}
