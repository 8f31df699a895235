package org.cnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnlp.terminology.dense.DenseMetadata;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.link.LinkingMode;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnlp terminology embed} and {@code cnlp evaluate --linking} on a small terminology index
 * placed in the work folder (the real one has 43,000 names: minutes to embed), with bge-small.
 */
class LinkingCommandsTest {

    @TempDir
    static Path work;

    @TempDir
    Path dir;

    private static CnlpHome home;

    @BeforeAll
    static void smallIndex() throws Exception {
        home = new CnlpHome(Path.of("..").toAbsolutePath().normalize(), work);
        TerminologyIndexWriter.build(List.of(
                concept("DOID:10763", "hypertension", "high blood pressure", "MESH:D006973"),
                concept("DOID:9351", "diabetes mellitus", "diabetes", "MESH:D003920"),
                concept("DOID:9169", "Wiskott-Aldrich syndrome", "eczema-thrombocytopenia-immunodeficiency syndrome",
                        "MESH:D014923")), home.terminologyIndex(), Map.of("DO", "test"));
    }

    private static Concept concept(String id, String name, String synonym, String mesh) {
        return new Concept(id, name, List.of(new Synonym(synonym, SynonymType.EXACT)), List.of(mesh), SemanticGroups.DISEASE,
                Sources.DO);
    }

    @Test
    void evaluateComparesTheLinkersSideBySide() throws Exception {
        Path gold = Files.writeString(dir.resolve("gold.txt"), String.join("\n",
                "1|t|Hypertensive disease in adults with Wiskott-Aldrich syndrome (WAS).",
                "1|a|No diabetes. WAS patients.",
                "1\t0\t20\tHypertensive disease\tSpecificDisease\tD006973",
                "1\t71\t79\tdiabetes\tSpecificDisease\tD003920",
                "1\t81\t84\tWAS\tSpecificDisease\tD014923", "", ""));
        Path report = dir.resolve("report.json");
        CliRun.Result result = CliRun.run(home, "evaluate", "--gold", gold.toString(), "--linking", "all", "--json",
                report.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("embedding the concept names (first use)"), result.err());
        assertTrue(result.out().contains("Linking accuracy@1 (all / reachable): lexical"), result.out());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String mode : List.of("lexical", "dense", "hybrid")) {
            assertEquals(3, json.at("/linkingByMethod/" + mode + "/overall/mentions").asInt(), mode);
        }
        assertEquals(3, json.at("/linkingByMethod/hybrid/overall/correct").asInt(), json.toString());
        assertTrue(Files.isRegularFile(home.conceptVectors().resolve(DenseMetadata.FILE_NAME)));
    }

    @Test
    void embedWritesTheVectorsWhereTheyAreAsked() throws Exception {
        Path out = dir.resolve("vectors");
        CliRun.Result result = CliRun.run(home, "terminology", "embed", "--out", out.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("6 names of 3 concepts embedded with bge-small-en-v1.5/cls"), result.err());
        assertTrue(Files.readString(out.resolve(DenseMetadata.FILE_NAME)).contains("vectors=6"));
    }

    @Test
    void linkingModesAreParsedWithAll() {
        assertEquals(List.of(LinkingMode.LEXICAL, LinkingMode.DENSE, LinkingMode.HYBRID),
                EvaluateCommand.linkingModes(List.of("all")));
        assertEquals(List.of(LinkingMode.HYBRID, LinkingMode.LEXICAL), EvaluateCommand.linkingModes(List.of("hybrid", "lexical",
                "hybrid")));
        CliRun.Result bad = CliRun.run(home, "evaluate", "--gold", "x.txt", "--linking", "fuzzy");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("linking mode must be lexical, dense or hybrid, got 'fuzzy'"), bad.err());
    }
}
