package org.cnlp.terminology.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.cnlp.terminology.index.ConceptMatch;
import org.cnlp.terminology.index.MatchType;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default terminology built from the real corpora-samples files, once for the class. */
class DefaultTerminologyTest {

    private static final Path CORPORA_SAMPLES = Path.of("../corpora-samples");

    @TempDir
    static Path dir;
    private static BuildReport report;
    private static TerminologyIndex index;

    @BeforeAll
    static void build() throws IOException {
        report = TerminologyBuilder.build(CORPORA_SAMPLES, dir.resolve("index"));
        index = TerminologyIndex.open(dir.resolve("index"));
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "heart attack        | DOID:5844  | EXACT",
        "T2DM                | DOID:9352  | ABBREVIATION",
        "brest cancer        | DOID:1612  | FUZZY",
        "high blood pressure | DOID:10763 | EXACT",
        "breast cancers      | DOID:1612  | EXACT",
        "lung cancers        | DOID:1324  | STEM",
        "Leydig cell tumors  | DOID:2696  | STEM",
        "cancer of the breast| DOID:1612  | TOKEN",
        "hypertenion         | DOID:10763 | FUZZY",
        "UTIs                | DOID:0080784 | ABBREVIATION",
        "naloxone            | MESH:D009270 | EXACT"
    })
    void findsTheExpectedConceptFirst(String query, String id, MatchType type) {
        ConceptMatch top = index.search(query, 5).get(0);

        assertEquals(id, top.concept().id(), () -> query + " -> " + index.search(query, 5));
        assertEquals(type, top.matchType());
    }

    @Test
    void reportsWhatWasBuilt() {
        assertEquals(12246, report.conceptsBySource().get(Sources.DO), "current terms of the 2026 reports");
        assertTrue(report.conceptsBySource().get(Sources.HPO) > 10_000, report.toString());
        assertTrue(report.conceptsBySource().get(Sources.BC5CDR) > 500, report.toString());
        assertEquals(List.of(), report.unresolvedAbbreviations());
        assertEquals(report.concepts(), index.size());
        assertTrue(report.names() > report.concepts(), report.toString());
    }

    @Test
    void excludesTermsMissingFromTheCurrentDiseaseOntology() {
        assertTrue(index.concept("DOID:0050001").isEmpty(), "obsolete in 2015 and absent in 2026");
        assertTrue(index.search("Actinomadura madurae infectious disease", 10).stream()
                .noneMatch(match -> match.concept().id().equals("DOID:0050001")));
        assertTrue(index.concept("DOID:0050013").isEmpty(), "current in 2015, removed by 2026");
    }

    @Test
    void keepsOlderNamesAndNormalisesXrefs() {
        Concept nsclc = index.concept("DOID:3908").orElseThrow();
        assertEquals("lung non-small cell carcinoma", nsclc.preferredTerm());
        assertTrue(nsclc.synonyms().contains(new Synonym("non-small cell lung carcinoma", SynonymType.EXACT)),
                nsclc.synonyms()::toString);
        assertEquals("DOID:3908", index.exact("non-small cell lung carcinoma").get(0).concept().id());

        Concept t2dm = index.concept("DOID:9352").orElseThrow();
        assertTrue(t2dm.xrefs().containsAll(List.of("MESH:D003924", "OMIM:125853", "UMLS:C0011860", "ICD10CM:E11")),
                t2dm.xrefs()::toString);
        assertTrue(t2dm.xrefs().stream().noneMatch(xref -> xref.startsWith("MIM:") || xref.startsWith("UMLS_CUI:")));
        assertEquals("DOID:9352", index.conceptsByXref("MESH:D003924").get(0).id());
    }

    @Test
    void keepsOnlyPhenotypicAbnormalitiesFromHpo() {
        Concept hypertension = index.concept("HP:0000822").orElseThrow();
        assertEquals(SemanticGroups.PHENOTYPE, hypertension.semanticGroup());
        assertTrue(index.concept("HP:0000006").isEmpty(), "Autosomal dominant inheritance is not a clinical problem");
        assertTrue(index.concept("HP:0000118").isEmpty(), "the sub-ontology root is not a concept");
        assertFalse(index.concept("HP:0000001").isPresent());
    }

    @Test
    void curatedAbbreviationsNameTheirConcept() {
        for (Abbreviation abbreviation : CuratedAbbreviations.defaults()) {
            Concept concept = index.concept(abbreviation.conceptId()).orElseThrow();
            assertEquals(abbreviation.preferredTerm(), concept.preferredTerm(), abbreviation::toString);
            assertTrue(index.exact(abbreviation.abbreviation()).stream()
                    .anyMatch(match -> match.concept().id().equals(abbreviation.conceptId())), abbreviation::toString);
        }
    }

    @Test
    void learnsChemicalsFromTheTrainingSet() {
        Concept naloxone = index.concept("MESH:D009270").orElseThrow();

        assertEquals(SemanticGroups.CHEMICAL, naloxone.semanticGroup());
        assertEquals(List.of("MESH:D009270"), naloxone.xrefs());
    }
}
