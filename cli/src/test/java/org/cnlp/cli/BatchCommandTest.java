package org.cnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnlp batch} and {@code cnlp bench batch} end to end with the real dictionary pipeline (index built once). */
class BatchCommandTest {

    @TempDir
    static Path work;

    @TempDir
    Path dir;

    private static CnlpHome home;

    @BeforeAll
    static void buildIndex() {
        home = new CnlpHome(Path.of("..").toAbsolutePath().normalize(), work);
        assertEquals(0, run("terminology", "build").exit());
    }

    private static CliRun.Result run(String... args) {
        return CliRun.run(home, args);
    }

    private static Set<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return new TreeSet<>(walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList());
        }
    }

    @Test
    void batchAnnotatesAFolderMovesOriginalsAndWritesASummary() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("note-a.txt"), "HPI: Denies chest pain but reports dyspnea. History of hypertension.\n");
        Files.createDirectories(in.resolve("ward"));
        Files.writeString(in.resolve("ward/note-b.txt"), "FAMILY HISTORY:\nMother had breast cancer.\n");
        Files.write(in.resolve("empty.txt"), new byte[0]);
        Files.write(in.resolve("latin1.txt"), "Patient Secretname has diab\u00e8te".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out");

        CliRun.Result result = run("batch", "--in", in.toString(), "--out", out.toString(), "--format", "json,xmi",
                "--settle-ms", "0", "--poll-ms", "20");

        assertEquals(Cnlp.EXIT_PARTIAL_FAILURE, result.exit(), result.err());
        assertEquals(Set.of("note-a.json", "note-a.xmi", "ward/note-b.json", "ward/note-b.xmi", "TypeSystem.xml",
                "batch-summary.json", "batch-summary.txt", ".cnlp-batch/lock", ".cnlp-batch/outputs.ledger"), files(out));
        assertEquals(Set.of(".done/note-a.txt", ".done/ward/note-b.txt", ".error/empty.txt", ".error/empty.txt.error.json",
                ".error/latin1.txt", ".error/latin1.txt.error.json", ".cnlp-batch.lock"), files(in));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(out.resolve("note-a.json").toFile());
        assertEquals("negated", a.path("entities").get(0).path("assertion").path("polarity").asText());
        assertEquals("DOID:10763", a.path("entities").get(2).path("concepts").get(0).path("id").asText());
        assertEquals("NOT_UTF8", json.readTree(in.resolve(".error/latin1.txt.error.json").toFile()).path("reason").asText());

        JsonNode summary = json.readTree(out.resolve("batch-summary.json").toFile());
        assertEquals("dictionary", summary.path("pipeline").asText());
        assertEquals(2, summary.path("counts").path("inputsDone").asInt());
        assertEquals(2, summary.path("counts").path("inputsFailed").asInt());
        assertEquals(4, summary.path("counts").path("outputs").asInt());
        assertTrue(summary.path("versions").path("terminology.builtAt").asText().startsWith("20"), summary.toString());
        assertTrue(summary.path("models").get(0).asText().startsWith("terminology:"), summary.toString());
        assertEquals(List.of("EMPTY", "NOT_UTF8"), Stream.of(summary.path("failures").get(0), summary.path("failures").get(1))
                .map(f -> f.path("reason").asText()).sorted().toList());
        assertTrue(result.err().contains("2 done, 2 failed"), result.err());
        assertFalse(result.err().contains("Secretname") || Files.readString(out.resolve("batch-summary.txt")).contains("Secretname"),
                "no note text in messages");

        CliRun.Result again = run("batch", "--in", in.toString(), "--out", out.toString(), "--settle-ms", "0", "--poll-ms", "20");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("0 done, 0 failed"), again.err());
    }

    @Test
    void usageErrorsAreClear() throws Exception {
        CliRun.Result inside = run("batch", "--in", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, inside.exit());
        assertTrue(inside.err().contains("must not be the input folder"), inside.err());
        CliRun.Result missing = run("batch", "--in", dir.resolve("missing").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such folder"), missing.err());
        Files.createDirectories(dir.resolve("in"));
        CliRun.Result format = run("batch", "--in", dir.resolve("in").toString(), "--out", dir.resolve("o").toString(), "--format", "pdf");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("unknown output format 'pdf'"), format.err());
        assertEquals(0, run("batch", "--help").exit());
    }

    @Test
    void benchComparesTheRouteWithInProcessCalls() {
        CliRun.Result bench = run("bench", "batch", "--documents", "60", "--rounds", "1");
        assertEquals(0, bench.exit(), bench.err());
        assertTrue(bench.out().contains("in-process, same file work (read, write, move)"), bench.out());
        assertTrue(bench.out().contains("route / in-process, same file work"), bench.out());
    }
}
