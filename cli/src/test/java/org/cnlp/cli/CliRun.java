package org.cnlp.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with standard output and error captured, as the command tests need. */
final class CliRun {

    record Result(int exit, String out, String err) {
    }

    private CliRun() {
    }

    /** Runs {@code cnlp args...} in {@code home}; restores System.out and System.err afterwards. */
    static synchronized Result run(CnlpHome home, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int exit = Cnlp.commandLine(home).execute(args);
            return new Result(exit, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
