package org.cnlp.terminology.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XrefsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MSH:D003920                                     | MESH:D003920",
        "MeSH:D021782 \"Multicystic Kidney Dysplasia\"   | MESH:D021782",
        "MESH:C000730515                                 | MESH:C000730515",
        "MIM:222100                                      | OMIM:222100",
        "OMIM:222100                                     | OMIM:222100",
        "MIM:PS267700                                    | OMIM:PS267700",
        "UMLS_CUI:C0011860                               | UMLS:C0011860",
        "UMLS:c0011860                                   | UMLS:C0011860",
        "ICD10CM:E11                                     | ICD10CM:E11",
        "IDC10CM:E11                                     | ICD10CM:E11",
        "ICD9CM:250.00                                   | ICD9CM:250.00",
        "ICD-10:E11                                      | ICD10:E11",
        "NCI:C26747                                      | NCI:C26747",
        "NCI2009_04D:C3117                               | NCI:C3117",
        "SNOMEDCT_US_2025_09_01:44054006                 | SNOMEDCT:44054006",
        "SNOMEDCT_2010_1_31:33176006                     | SNOMEDCT:33176006",
        "Orphanet:752                                    | ORDO:752",
        "ORDO:752                                        | ORDO:752",
        "  GARD:5659                                     | GARD:5659"
    })
    void normalizesPrefixes(String raw, String expected) {
        assertEquals(Optional.of(expected), Xrefs.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"D003920", "MESH:", ":D003920", "", "  "})
    void rejectsXrefsWithoutPrefixOrId(String raw) {
        assertEquals(Optional.empty(), Xrefs.normalize(raw));
    }
}
