package io.mailcensus.launcher;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailcensus} command line. */
@Command(name = "mailcensus",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Measures the email and domain security of a whole top-level domain.",
        subcommands = {
            CheckCommand.class,
            ScanCommand.class,
            ReportCommand.class,
            SqlCommand.class,
            ScansCommand.class,
            ServeCommand.class,
            CoordinatorCommand.class,
            WorkerCommand.class,
            AggregatorCommand.class,
            LocalClusterCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. Tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
