package org.cnlp.terminology.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        assertEquals("myotonic dystrophy", found.get("DM"), "capital letters that are the initials in another order");
        assertNull(found.get("rare"), "a lower-case gloss is not an abbreviation");
        assertEquals(5, found.size(), found.toString());
    }

    @Test
    void readsTheShortFormBeforeALongGloss() {
        Map<String, String> found = DocumentAbbreviations.find("The Schwartz-Jampel syndrome (SJS; chondrodystrophic myotonia;"
                + " McK 255, 800) is a recessively inherited condition.").longForms();

        assertEquals(Map.of("SJS", "Schwartz-Jampel syndrome"), found);
        assertEquals(Map.of("AO-GLD", "adult onset globoid cell leukodystrophy"), DocumentAbbreviations.find(
                "patients with adult onset globoid cell leukodystrophy (Krabbe disease; AO-GLD) by PCR").longForms(),
                "the first part that is a short form");
    }

    @Test
    void readsShortFormsTheDocumentUsesUndefinedAsKnownNamesItWritesOut() {
        String text = "Wiskott-Aldrich syndrome: clustering of mutations. Patients presenting with WAS and with XLT"
                + " differ. During many years DM was studied; myotonic dystrophy is common.";
        Set<String> known = Set.of("wiskott-aldrich syndrome", "myotonic dystrophy");

        Map<String, String> found = DocumentAbbreviations.find(text, name -> known.contains(name.toLowerCase(Locale.ROOT)))
                .longForms();

        assertEquals("Wiskott-Aldrich syndrome", found.get("WAS"));
        assertEquals("myotonic dystrophy", found.get("DM"), "'During many' has the initials too, but is no known name");
        assertNull(found.get("XLT"), "nothing written out");
        assertEquals(Map.of(), DocumentAbbreviations.find(text).longForms(), "without known names, only definitions count");
    }

    @Test
    void expandsWholeMentionsAndTokens() {
        DocumentAbbreviations abbreviations = DocumentAbbreviations.find(ABSTRACT);

        assertEquals("Wiskott-Aldrich syndrome", abbreviations.expand("WAS"));
        assertEquals("Duchenne muscular dystrophy patients", abbreviations.expand("DMD patients"));
        assertEquals("WASP", abbreviations.expand("WASP"), "only whole tokens are replaced");
        assertEquals("HIV Wiskott-Aldrich syndrome", abbreviations.expand("HIV-WAS"), "the defined part of a hyphenated token");
        assertSame(DocumentAbbreviations.NONE.expand("WAS"), "WAS");
    }

    @Test
    void rejectsCandidatesWhoseLettersAreNotInTheLongForm() {
        assertNull(DocumentAbbreviations.bestLongForm("XYZ", "breast cancer"));
        assertEquals("breast cancer", DocumentAbbreviations.bestLongForm("BC", "hereditary breast cancer"));
        assertEquals(Map.of(), DocumentAbbreviations.find("levels were high (P < 0.05) in (2001)").longForms());
    }
}
