package org.cnlp.terminology.pubtator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedSynonymsTest {

    @TempDir
    Path dir;

    @Test
    void mentionsBecomeLearntSynonymsOfTheConceptsThatCrossReferenceTheirIds() throws IOException {
        Path corpus = dir.resolve("train.txt");
        Files.writeString(corpus, String.join("\n",
                "1|t|Tumours and tumor cells",
                "1\t0\t7\tTumours\tDiseaseClass\tD009369",
                "1\t12\t17\ttumor\tModifier\tD009369",
                "1\t12\t17\ttumor\tModifier\tD009369",
                "1\t12\t17\ttumor\tModifier\tD001943",
                "2\t0\t2\tDM\tSpecificDisease\tD009223",
                "2\t0\t2\tbreast and ovarian cancer\tCompositeMention\tD001943|D010051",
                "2\t0\t2\tcancer of the breast\tDisease\t-1",
                "2\t0\t2\tkidney stones\tDisease\tD007669",
                "3\t0\t2\tmitochondrial disorder\tDisease\tOMIM:555000",
                "3\t0\t2\taspirin\tChemical\tD001241",
                ""));
        List<Concept> concepts = List.of(
                concept("DOID:162", "cancer", List.of("MESH:D009369")),
                concept("HP:0002664", "Neoplasm", List.of("MESH:D009369")),
                concept("DOID:1612", "breast cancer", List.of("MESH:D001943")),
                concept("DOID:0001", "unrelated", List.of()));

        LearnedSynonyms.Result result = LearnedSynonyms.read(Set.of("Disease", "DiseaseClass", "Modifier",
                "SpecificDisease")::contains, List.of(corpus)).attachTo(concepts);

        // "tumours" and "tumor" (3 of 4 mentions agree) go to both concepts citing D009369.
        assertEquals(List.of(new Synonym("tumor", SynonymType.LEARNED), new Synonym("Tumours", SynonymType.LEARNED)),
                result.concepts().get(0).synonyms());
        assertEquals(2, result.concepts().get(1).synonyms().size());
        assertEquals(List.of(), result.concepts().get(2).synonyms(), "no abbreviation, composite or unnormalised text");
        assertSame(concepts.get(3), result.concepts().get(3));
        assertEquals(4, result.added(), "kidney stones and the OMIM id reach no concept: nothing is created");
    }

    @Test
    void aShortFormBesideAWordIsLearntAndACuratedNameTheCorpusReadsOtherwiseGetsTheCorpusId() throws IOException {
        Path corpus = dir.resolve("train.txt");
        Files.writeString(corpus, String.join("\n",
                "1\t0\t13\tC7 deficiency\tSpecificDisease\tOMIM:610102",
                "1\t0\t3\tC7D\tSpecificDisease\tOMIM:610102",
                "2\t0\t18\tmental retardation\tDisease\tD008607",
                "2\t0\t18\tmental retardation\tDisease\tD008607",
                "3\t0\t13\tbreast cancer\tDisease\tD001943",
                "4\t0\t9\tdystrophy\tDisease\tD999999",
                ""));
        List<Concept> concepts = List.of(
                concept("DOID:0060300", "complement component 7 deficiency", List.of("OMIM:610102")),
                new Concept("DOID:1059", "intellectual disability", List.of(new Synonym("mental retardation", SynonymType.EXACT)),
                        List.of(), SemanticGroups.DISEASE, Sources.DO),
                concept("HP:0001249", "Intellectual disability", List.of("MESH:D008607")),
                concept("DOID:1612", "breast cancer", List.of("MESH:D001943")),
                concept("DOID:0002", "dystrophy", List.of()));

        LearnedSynonyms.Result result = LearnedSynonyms.read(Set.of("Disease", "SpecificDisease")::contains, List.of(corpus))
                .attachTo(concepts);

        assertEquals(List.of(new Synonym("C7 deficiency", SynonymType.LEARNED)), result.concepts().get(0).synonyms(),
                "'C7 deficiency' is learnt, 'C7D' alone is not");
        assertEquals(List.of("MESH:D008607"), result.concepts().get(1).xrefs(), "the corpus crosses DO's synonym to MeSH");
        assertEquals(List.of("MESH:D001943"), result.concepts().get(3).xrefs(), "already cited: unchanged");
        assertEquals(List.of(), result.concepts().get(4).xrefs(), "an id no concept cites is not crossed to");
        assertEquals(1, result.xrefsAdded());
    }

    @Test
    void textsOfShortFormsOnly() {
        assertTrue(LearnedSynonyms.abbreviationsOnly("DM"));
        assertTrue(LearnedSynonyms.abbreviationsOnly("HPT-JT"));
        assertTrue(LearnedSynonyms.abbreviationsOnly("MEN 2"));
        assertFalse(LearnedSynonyms.abbreviationsOnly("G6PD deficiency"));
        assertFalse(LearnedSynonyms.abbreviationsOnly("Tumours"));
    }

    @Test
    void idsAreNormalised() {
        assertEquals(Optional.of("MESH:D009369"), LearnedSynonyms.normaliseId(" D009369"));
        assertEquals(Optional.of("MESH:C535342"), LearnedSynonyms.normaliseId("C535342"));
        assertEquals(Optional.of("OMIM:222100"), LearnedSynonyms.normaliseId("OMIM:222100"));
        assertEquals(Optional.empty(), LearnedSynonyms.normaliseId("-1"));
    }

    private static Concept concept(String id, String name, List<String> xrefs) {
        return new Concept(id, name, List.of(), xrefs, SemanticGroups.DISEASE, Sources.DO);
    }
}
