package org.cnlp.terminology.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;

class CuratedAbbreviationsTest {

    @Test
    void shippedListIsWellFormed() {
        List<Abbreviation> abbreviations = CuratedAbbreviations.defaults();

        assertTrue(abbreviations.size() >= 50, "size " + abbreviations.size());
        Set<String> seen = new HashSet<>();
        for (Abbreviation abbreviation : abbreviations) {
            assertTrue(seen.add(abbreviation.abbreviation()), "duplicate " + abbreviation.abbreviation());
            assertTrue(abbreviation.conceptId().matches("(DOID|HP):\\d+"), abbreviation.toString());
            assertFalse(abbreviation.preferredTerm().isBlank(), abbreviation.toString());
        }
        assertTrue(abbreviations.contains(new Abbreviation("T2DM", "DOID:9352", "type 2 diabetes mellitus")));
    }

    @Test
    void addsAbbreviationsToTheirConcepts() {
        Concept hypertension = new Concept("DOID:10763", "hypertension",
                List.of(new Synonym("HTN", SynonymType.ABBREVIATION)), List.of(), SemanticGroups.DISEASE, Sources.DO);
        Concept infarction = new Concept("DOID:5844", "myocardial infarction", List.of(), List.of(),
                SemanticGroups.DISEASE, Sources.DO);

        CuratedAbbreviations.Result result = CuratedAbbreviations.apply(List.of(hypertension, infarction), List.of(
                new Abbreviation("HTN", "DOID:10763", "hypertension"),
                new Abbreviation("MI", "DOID:5844", "myocardial infarction"),
                new Abbreviation("XYZ", "DOID:0", "nothing")));

        assertEquals(List.of(hypertension, new Concept("DOID:5844", "myocardial infarction",
                List.of(new Synonym("MI", SynonymType.ABBREVIATION)), List.of(), SemanticGroups.DISEASE, Sources.DO)),
                result.concepts());
        assertEquals(2, result.resolved());
        assertEquals(List.of(new Abbreviation("XYZ", "DOID:0", "nothing")), result.unresolved());
    }
}
