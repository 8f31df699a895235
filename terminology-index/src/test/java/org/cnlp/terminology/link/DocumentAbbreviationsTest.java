package org.cnlp.terminology.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentAbbreviationsTest {

    private static final String ABSTRACT = "Mutations in the Wiskott-Aldrich syndrome (WAS) gene cause an X-linked immunodeficiency."
            + " Patients with ataxia-telangiectasia (A-T) and complement component 7 deficiency (C7D; n = 4) were studied."
            + " Duchenne muscular dystrophy (DMD) and myotonic dystrophy (DM) differ. WAS patients had eczema (rare).";

    @Test
    void findsLongFormsBeforeParentheses() {
        Map<String, String> found = DocumentAbbreviations.find(ABSTRACT).longForms();

        assertEquals("Wiskott-Aldrich syndrome", found.get("WAS"));
        assertEquals("ataxia-telangiectasia", found.get("A-T"));
        assertEquals("component 7 deficiency", found.get("C7D"));
        assertEquals("Duchenne muscular dystrophy", found.get("DMD"));
        assertNull(found.get("DM"), "letters out of order: D M is not in 'myotonic dystrophy' in that order");
        assertNull(found.get("rare"), "a lower-case gloss is not an abbreviation");
        assertEquals(4, found.size(), found.toString());
    }

    @Test
    void expandsWholeMentionsAndTokens() {
        DocumentAbbreviations abbreviations = DocumentAbbreviations.find(ABSTRACT);

        assertEquals("Wiskott-Aldrich syndrome", abbreviations.expand("WAS"));
        assertEquals("Duchenne muscular dystrophy patients", abbreviations.expand("DMD patients"));
        assertEquals("WASP", abbreviations.expand("WASP"), "only whole tokens are replaced");
        assertSame(DocumentAbbreviations.NONE.expand("WAS"), "WAS");
    }

    @Test
    void rejectsCandidatesWhoseLettersAreNotInTheLongForm() {
        assertNull(DocumentAbbreviations.bestLongForm("XYZ", "breast cancer"));
        assertEquals("breast cancer", DocumentAbbreviations.bestLongForm("BC", "hereditary breast cancer"));
        assertEquals(Map.of(), DocumentAbbreviations.find("levels were high (P < 0.05) in (2001)").longForms());
    }
}
