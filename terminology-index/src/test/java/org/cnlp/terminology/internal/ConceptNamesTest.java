package org.cnlp.terminology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConceptNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "High blood pressure (& [essential hypertension])   | High blood pressure",
        "neoplasm of extrahepatic bile ducts (disorder)     | neoplasm of extrahepatic bile ducts",
        "Leydig cell tumor, malignant (morphologic abnormality) | Leydig cell tumor, malignant",
        "Diabetes mellitus NOS                              | Diabetes mellitus",
        "Anaemia [D]                                        | Anaemia",
        "PROPYLTHIOURACIL TASTING, INCLUDED                 | PROPYLTHIOURACIL TASTING",
        "Multicystic renal dysplasia.                       | Multicystic renal dysplasia",
        "Delayed puberty (female)                           | Delayed puberty (female)"
    })
    void removesDecorations(String raw, String cleaned) {
        assertEquals(cleaned, ConceptNames.clean(new Synonym(raw, SynonymType.EXACT)).get(0).text());
    }

    @Test
    void splitsParenthesisedAcronyms() {
        assertEquals(List.of(new Synonym("Intrauterine growth retardation", SynonymType.EXACT),
                        new Synonym("IUGR", SynonymType.ABBREVIATION)),
                ConceptNames.clean(new Synonym("Intrauterine growth retardation (IUGR)", SynonymType.EXACT)));
        assertEquals(List.of(new Synonym("Hyperornithinemia-Hyperammonemia-Homocitrullinuria syndrome", SynonymType.EXACT),
                        new Synonym("HHH", SynonymType.ABBREVIATION)),
                ConceptNames.clean(new Synonym("Hyperornithinemia-Hyperammonemia-Homocitrullinuria (HHH) syndrome",
                        SynonymType.EXACT)));
    }

    @Test
    void addsTheNaturalOrderOfInvertedNames() {
        assertEquals(List.of(new Synonym("Rickets, Hypophosphatemic", SynonymType.RELATED),
                        new Synonym("Hypophosphatemic Rickets", SynonymType.RELATED)),
                ConceptNames.clean(new Synonym("Rickets, Hypophosphatemic", SynonymType.RELATED)));
        assertEquals(List.of(new Synonym("Carney Complex, Type 1", SynonymType.EXACT)),
                ConceptNames.clean(new Synonym("Carney Complex, Type 1", SynonymType.EXACT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NIDDM", "HTN", "ALS2", "SCID-X1", "AIDS", "T2DM"})
    void recognisesAcronyms(String name) {
        assertTrue(ConceptNames.isAcronym(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MYXEDEMA", "GALACTORRHEA", "AFib", "heart attack", "A", "SPINAL ATROPHY"})
    void rejectsNonAcronyms(String name) {
        assertFalse(ConceptNames.isAcronym(name));
    }

    @Test
    void mergeKeepsFirstSpellingWithStrongestType() {
        List<Synonym> merged = ConceptNames.merge("hypertension", List.of(
                new Synonym("Hypertension", SynonymType.EXACT),
                new Synonym("high blood pressure", SynonymType.RELATED),
                new Synonym("High Blood Pressure", SynonymType.EXACT),
                new Synonym("HTN", SynonymType.ABBREVIATION)));

        assertEquals(List.of(new Synonym("high blood pressure", SynonymType.EXACT),
                new Synonym("HTN", SynonymType.ABBREVIATION)), merged);
    }
}
