package org.cnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distillation CLI's wiring and its refusals; training itself is tested in the distillation module. */
class DistillCommandTest {

    @TempDir
    Path work;

    private CliRun.Result run(String... args) {
        return CliRun.run(new CnlpHome(Path.of("..").toAbsolutePath().normalize(), work), args);
    }

    @Test
    void teacherHelpNamesTheDefaultsAndResume() {
        CliRun.Result help = run("distill", "teacher", "--help");
        assertEquals(0, help.exit());
        for (String option : new String[] {"--base", "--train", "--dev", "--epochs", "--patience", "--seed", "--resume", "--device"}) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
    }

    @Test
    void resumingWithoutACheckpointOrFromAnUnknownBaseFailsClearly() {
        CliRun.Result nothing = run("distill", "teacher", "--out", work.resolve("run").toString(), "--resume");
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().contains("nothing to resume"), nothing.err());

        CliRun.Result base = run("distill", "teacher", "--out", work.resolve("other").toString(), "--base", "no-such-model");
        assertEquals(2, base.exit());
        assertTrue(base.err().contains("neither a bundled encoder"), base.err());
    }
}
