package org.cnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end over the real default terminology index, built once into a temp folder. */
class CliTest {

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

    @Test
    void terminologySearchFindsTheRequiredConcepts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String[] query : List.of(new String[] {"heart attack", "myocardial infarction"},
                new String[] {"T2DM", "type 2 diabetes mellitus"},
                new String[] {"brest cancer", "breast cancer"},
                new String[] {"high blood pressure", "hypertension"})) {
            CliRun.Result result = run("terminology", "search", query[0], "--top", "3", "--json");
            assertEquals(0, result.exit(), result.err());
            JsonNode top = json.readTree(result.out()).path("results").get(0);
            assertEquals(query[1], top.path("preferredTerm").asText().toLowerCase(), query[0]);
        }
        CliRun.Result table = run("terminology", "search", "heart attack");
        assertTrue(table.out().contains("DOID:5844"), table.out());
    }

    @Test
    void annotateWritesOneJsonPerNoteAndReportsBadFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("note-a.txt"), "HPI: Denies chest pain but reports dyspnea. History of hypertension.\n");
        Files.writeString(in.resolve("note-b.txt"), "FAMILY HISTORY:\nMother had breast cancer.\n");
        Files.write(in.resolve("empty.txt"), new byte[0]);
        Files.write(in.resolve("binary.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        Files.write(in.resolve("latin1.txt"), "Patient Secretname has diab\u00e8te".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out");

        CliRun.Result result = run("annotate", "--out", out.toString(), in.toString());

        assertEquals(Cnlp.EXIT_PARTIAL_FAILURE, result.exit());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("note-a.json", "note-b.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(result.err().contains("empty.txt: empty document"), result.err());
        assertTrue(result.err().contains("binary.txt: binary content"), result.err());
        assertTrue(result.err().contains("latin1.txt: not valid UTF-8"), result.err());
        assertFalse(result.err().contains("Secretname"), "no note text in messages");

        JsonNode a = new ObjectMapper().readTree(out.resolve("note-a.json").toFile());
        JsonNode entities = a.path("entities");
        assertEquals("chest pain", entities.get(0).path("text").asText());
        assertEquals("negated", entities.get(0).path("assertion").path("polarity").asText());
        assertEquals("affirmed", entities.get(1).path("assertion").path("polarity").asText());
        JsonNode hypertension = entities.get(2);
        assertEquals("hypertension", hypertension.path("text").asText());
        assertTrue(hypertension.path("assertion").path("historical").asBoolean());
        assertEquals("DOID:10763", hypertension.path("concepts").get(0).path("id").asText());

        JsonNode b = new ObjectMapper().readTree(out.resolve("note-b.json").toFile());
        assertEquals("family_member", b.path("entities").get(0).path("assertion").path("subject").asText());
    }

    @Test
    void annotatesPubTatorAndXmi() throws Exception {
        Path gold = Files.writeString(dir.resolve("abstracts.txt"),
                "100|t|Hypertension and aspirin.\n100|a|Patients with breast cancer received aspirin.\n\n");
        CliRun.Result pubtator = run("annotate", "--format", "pubtator", gold.toString());
        assertEquals(0, pubtator.exit(), pubtator.err());
        List<String> lines = pubtator.out().lines().toList();
        assertEquals("100|t|Hypertension and aspirin.", lines.get(0));
        assertTrue(lines.contains("100\t0\t12\tHypertension\tDisease\tD006973"), pubtator.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("100\t17\t24\taspirin\tChemical\tD001241")), pubtator.out());

        Path xmiOut = dir.resolve("xmi");
        assertEquals(0, run("annotate", "--format", "xmi", "--out", xmiOut.toString(), gold.toString()).exit());
        JCas jcas = JCasFactory.createJCas();
        try (var in = Files.newInputStream(xmiOut.resolve("100.xmi"))) {
            XmiIo.read(in, jcas);
        }
        assertTrue(jcas.getDocumentText().startsWith("Hypertension and aspirin."));
        assertTrue(Files.exists(xmiOut.resolve("TypeSystem.xml")));
    }

    @Test
    void evaluateReportsNerAndLinking() throws Exception {
        Path gold = Files.writeString(dir.resolve("gold.txt"),
                "1|t|Hypertension in adults.\n1|a|No diabetes.\n1\t0\t12\tHypertension\tSpecificDisease\tD006973\n"
                        + "1\t27\t35\tdiabetes\tSpecificDisease\tD003920\n\n");
        Path report = dir.resolve("report.json");
        CliRun.Result result = run("evaluate", "--gold", gold.toString(), "--json", report.toString());
        assertEquals(0, result.exit(), result.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertTrue(result.out().contains("Linking accuracy@1"), result.out());
        assertTrue(json.toString().contains("Disease"), json.toString());
    }

    @Test
    void usageErrorsAreClear() {
        CliRun.Result unknownPipeline = run("annotate", "--pipeline", "nope", dir.toString());
        assertEquals(2, unknownPipeline.exit());
        assertTrue(unknownPipeline.err().contains("unknown pipeline 'nope'; known pipelines: dictionary"), unknownPipeline.err());
        CliRun.Result missing = run("annotate", dir.resolve("missing.txt").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("missing.txt"), missing.err());
        assertEquals(0, run("--help").exit());
        assertEquals(0, run("annotate", "--help").exit());
    }
}
