package org.cnlp.terminology.obo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;

class OboLoaderTest {

    private static final String OBO = """
            format-version: 1.2
            ontology: doid

            [Term]
            id: DOID:9352
            name: type 2 diabetes mellitus
            alt_id: DOID:11717
            def: "A diabetes mellitus that involves high blood glucose." [url:http\\://en.wikipedia.org/wiki/Diabetes]
            synonym: "NIDDM" EXACT []
            synonym: "non-insulin-dependent diabetes mellitus" EXACT []
            synonym: "maturity onset diabetes" RELATED [SNOMEDCT_2005_07_31:81531005]
            synonym: "Type 2 diabetes mellitus (disorder)" EXACT [SNOMEDCT_2005_07_31:44054006]
            synonym: "diabetes \\"type two\\"" NARROW []
            xref: MSH:D003924
            xref: UMLS_CUI:C0011860
            xref: OMIM:125853
            is_a: DOID:9351 ! diabetes mellitus

            [Term]
            id: DOID:9351
            name: diabetes mellitus
            synonym: "High blood sugar (& [diabetes])" BROAD []
            is_a: DOID:4 {source="x"} ! disease

            [Term]
            id: DOID:0050001
            name: Actinomadura madurae infectious disease
            is_obsolete: true

            [Typedef]
            id: has_symptom
            name: has_symptom
            """;

    @Test
    void parsesTermStanzas() throws IOException {
        List<OboTerm> terms = OboLoader.parse(new StringReader(OBO));

        assertEquals(List.of("DOID:9352", "DOID:9351", "DOID:0050001"), terms.stream().map(OboTerm::id).toList());
        OboTerm t2dm = terms.get(0);
        assertEquals("type 2 diabetes mellitus", t2dm.name());
        assertEquals(List.of("DOID:11717"), t2dm.altIds());
        assertEquals(List.of("DOID:9351"), t2dm.parents());
        assertEquals(List.of("MSH:D003924", "UMLS_CUI:C0011860", "OMIM:125853"), t2dm.xrefs());
        assertEquals(List.of(
                new Synonym("NIDDM", SynonymType.EXACT),
                new Synonym("non-insulin-dependent diabetes mellitus", SynonymType.EXACT),
                new Synonym("maturity onset diabetes", SynonymType.RELATED),
                new Synonym("Type 2 diabetes mellitus (disorder)", SynonymType.EXACT),
                new Synonym("diabetes \"type two\"", SynonymType.NARROW)), t2dm.synonyms());
        assertEquals(List.of("DOID:4"), terms.get(1).parents());
        assertFalse(t2dm.obsolete());
        assertTrue(terms.get(2).obsolete());
    }

    @Test
    void conceptsExcludeObsoleteTermsAndCleanNames() throws IOException {
        List<OboTerm> terms = OboLoader.parse(new StringReader(OBO));

        Map<String, Concept> concepts = OboLoader.toConcepts(terms, term -> true, SemanticGroups.DISEASE, Sources.DO)
                .stream().collect(Collectors.toMap(Concept::id, Function.identity()));

        assertEquals(Set.of("DOID:9352", "DOID:9351"), concepts.keySet());
        Concept t2dm = concepts.get("DOID:9352");
        assertEquals(List.of("MESH:D003924", "UMLS:C0011860", "OMIM:125853"), t2dm.xrefs());
        assertEquals(List.of(
                new Synonym("NIDDM", SynonymType.ABBREVIATION),
                new Synonym("non-insulin-dependent diabetes mellitus", SynonymType.EXACT),
                new Synonym("maturity onset diabetes", SynonymType.RELATED),
                new Synonym("diabetes \"type two\"", SynonymType.NARROW)), t2dm.synonyms(),
                "the '(disorder)' synonym only differs from the preferred term by its SNOMED tag");
        assertEquals(List.of(new Synonym("High blood sugar", SynonymType.BROAD)),
                concepts.get("DOID:9351").synonyms());
        assertEquals(SemanticGroups.DISEASE, t2dm.semanticGroup());
        assertEquals(Sources.DO, t2dm.source());
    }

    @Test
    void findsDescendants() throws IOException {
        List<OboTerm> terms = OboLoader.parse(new StringReader(OBO));

        assertEquals(Set.of("DOID:9351", "DOID:9352"), OboLoader.descendantsOf(terms, "DOID:9351"));
        assertEquals(Set.of(), OboLoader.descendantsOf(terms, "DOID:404"));
    }
}
