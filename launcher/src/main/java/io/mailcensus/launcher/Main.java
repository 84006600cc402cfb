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
            BrokerCommand.class,
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

    /**
     * An unknown option or a bad value: the one line that says what is wrong and where to look,
     * not the whole usage (which --help prints). Exit code 2, as for other user errors.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && cli.getCommandSpec().name().equals("check")) {
            var batchOnly = unmatched.getUnmatched().stream().map(a -> a.split("=", 2)[0])
                    .filter(CheckCommand.BATCH_ONLY::contains).findFirst();
            if (batchOnly.isPresent()) {
                cli.getErr().println(command + ": " + batchOnly.get()
                        + " paces a scan of many domains; check asks one domain with the defaults");
                cli.getErr().println("Try '" + command + " --help' for the options.");
                return 2;
            }
        }
        cli.getErr().println(command + ": " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            var suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                cli.getErr().println("Did you mean " + String.join(" or ", suggestions) + "?");
            }
        }
        cli.getErr().println("Try '" + command + " --help' for the options.");
        return 2;
    }

    /** Runs one command line; returns the exit code. Tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        CheckCommand.dropBatchOptions(cli.getSubcommands().get("check"));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrors());
        cli.setParameterExceptionHandler(Main::badArguments);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
