package dev.episodic.cli;

import dev.episodic.cli.cursors.CursorsCommand;
import dev.episodic.cli.dev.DevCommand;
import dev.episodic.cli.dev.QuickstartCommand;
import dev.episodic.cli.run.RunCommand;
import dev.episodic.cli.tail.TailCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code episodic} command: its subcommands and the exit codes they share. */
@Command(name = "episodic", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run the episodic-connect source connectors standalone or on a local Kafka + Connect cluster.",
        subcommands = {RunCommand.class, CursorsCommand.class, TailCommand.class, DevCommand.class,
                QuickstartCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Everything worked. */
    public static final int OK = 0;
    /** A run failed while working (source, sink or store fault); the message says which. */
    public static final int FAILED = 1;
    /** The request cannot work as given (bad option, config or file). */
    public static final int USAGE = 2;

    public static void main(final String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof UsageException) {
                commandLine.getErr().println("episodic: " + e.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("episodic: " + describe(e));
            return FAILED;
        });
        return cli.execute(args);
    }

    private static String describe(final Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    /** The version of the suite this CLI was built with. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"episodic " + (v == null ? "development build" : v)};
        }
    }
}
