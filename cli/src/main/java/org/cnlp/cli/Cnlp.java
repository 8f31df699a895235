package org.cnlp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cnlp} command line; the {@code ./cnlp} launcher at the repo root runs it. */
@Command(name = "cnlp",
        mixinStandardHelpOptions = true,
        versionProvider = Cnlp.Version.class,
        description = "Open clinical NLP: annotate notes, search terminologies, evaluate and benchmark pipelines, train NER models.",
        subcommands = {
                DemoCommand.class,
                AnnotateCommand.class,
                BatchCommand.class,
                TerminologyCommand.class,
                EvaluateCommand.class,
                BenchCommand.class,
                DistillCommand.class,
                VqaCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Cnlp implements Runnable {

    /** Exit code when some documents failed but the others were processed. */
    public static final int EXIT_PARTIAL_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CnlpHome home;

    Cnlp(CnlpHome home) {
        this.home = home;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CnlpHome.detect()).execute(args));
    }

    /** The installation every subcommand works in. */
    CnlpHome home() {
        return home;
    }

    static CommandLine commandLine(CnlpHome home) {
        CommandLine cli = new CommandLine(new Cnlp(home));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cnlp " + commandLine.getCommandName() + ": " + describe(e));
            if (System.getenv("CNLP_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
        return cli;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cnlp.class.getPackage().getImplementationVersion();
            return new String[] {"cnlp " + (version == null ? "development build" : version)};
        }
    }
}
