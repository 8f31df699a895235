package org.cnlp.annotators.sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static final SentenceSplitter SPLITTER = SentenceSplitter.standard();

    private static List<String> sentences(String text) {
        return SPLITTER.split(text).stream().map(s -> text.substring(s.begin(), s.end())).toList();
    }

    @Test
    void splitsAtSentenceEnds() {
        assertEquals(List.of("She has a cough.", "No fever!", "Is it viral?", "Follow up."),
                sentences("She has a cough. No fever! Is it viral? Follow up."));
    }

    @Test
    void doesNotSplitAfterAbbreviations() {
        assertEquals(List.of("Seen by Dr. Smith and Mrs. Jones, e.g. for approx. two weeks vs. placebo."),
                sentences("Seen by Dr. Smith and Mrs. Jones, e.g. for approx. two weeks vs. placebo."));
        assertEquals(List.of("Metoprolol 25 mg p.o. b.i.d. for hypertension, i.e. stable."),
                sentences("Metoprolol 25 mg p.o. b.i.d. for hypertension, i.e. stable."));
        assertEquals(List.of("Take 500 mg. daily, t.i.d. or q.d. with food etc. as needed."),
                sentences("Take 500 mg. daily, t.i.d. or q.d. with food etc. as needed."));
    }

    @Test
    void abbreviationAtTheEndOfASentenceSplitsBeforeACapital() {
        assertEquals(List.of("Continue metoprolol b.i.d.", "She will return in 2 weeks."),
                sentences("Continue metoprolol b.i.d. She will return in 2 weeks."));
    }

    @Test
    void acronymInCapitalsIsNotATitle() {
        assertEquals(List.of("History of MS.", "She walks well."), sentences("History of MS. She walks well."));
        assertEquals(List.of("Ms. Jones walks well."), sentences("Ms. Jones walks well."));
    }

    @Test
    void keepsDecimalsAndInitials() {
        assertEquals(List.of("Warfarin 2.5 mg, INR 1.8 today.", "E. coli grew in J. Smith's culture."),
                sentences("Warfarin 2.5 mg, INR 1.8 today. E. coli grew in J. Smith's culture."));
    }

    @Test
    void listNumberStartsASentenceButIsNotOne() {
        assertEquals(List.of("PLAN:", "1. She will try Zyrtec.", "2. Return in 2 weeks."),
                sentences("PLAN:\n1. She will try Zyrtec.\n2. Return in 2 weeks."));
        assertEquals(List.of("Plan:", "1. Start aspirin.", "2. Follow up in 2 weeks."),
                sentences("Plan: 1. Start aspirin. 2. Follow up in 2 weeks."));
        assertEquals(List.of("1.  Right carpal tunnel syndrome."), sentences("1.  Right carpal tunnel syndrome.,2."));
    }

    @Test
    void splitsAtLineBreaksThatEndAHeaderOrListItem() {
        assertEquals(List.of("Medications:", "- lisinopril 10 mg daily", "- metformin 500 mg b.i.d.", "Allergies: none"),
                sentences("Medications:\n- lisinopril 10 mg daily\n- metformin 500 mg b.i.d.\nAllergies: none"));
        assertEquals(List.of("HISTORY", "She has a cough"), sentences("HISTORY\nShe has a cough"));
    }

    @Test
    void joinsWrappedLines() {
        assertEquals(List.of("The patient is a 45-year-old woman with a history of\nhypertension who presents with\n"
                + "Chest pain since the morning."),
                sentences("The patient is a 45-year-old woman with a history of\nhypertension who presents with\n"
                        + "Chest pain since the morning."));
    }

    @Test
    void handlesRunsOfBlankLines() {
        assertEquals(List.of("Cough", "Fever"), sentences("\n\n  Cough\n\n\n   \n\nFever\n\n"));
        assertEquals(List.of(), sentences("\n \n\t\n"));
    }

    @Test
    void everyLineBreakWhenAsked() {
        SentenceSplitter lines = new SentenceSplitter(Abbreviations.bundled(), true);
        String text = "history of\nhypertension";
        assertEquals(2, lines.split(text).size());
        assertEquals(1, SPLITTER.split(text).size());
    }

    @Test
    void mtsamplesCommaJoinedLines() {
        assertEquals(List.of("She might use it.", "2.  Samples of Nasonex given.", "Neck:  Supple, etc., and fine."),
                sentences("She might use it.,2.  Samples of Nasonex given.,Neck:  Supple, etc., and fine."));
        assertEquals(List.of("diameter of 4.7 cm.", "2.  Normal size."), sentences("diameter of 4.7 cm.,2.  Normal size."));
        assertEquals(List.of("limited to:", "1.  Infection."), sentences("limited to:,1.  Infection."));
    }

    @Test
    void lowerCaseAfterAPeriod() {
        assertEquals(List.of("No fever.", "cough present."), sentences("No fever. cough present."));
        assertEquals(List.of("Pt. is stable."), sentences("Pt. is stable."));
    }

    @Test
    void sectionsKeepHeadersApartAndBoundariesClosed() {
        String text = "HPI: Cough for 3 days and\nPLAN: rest";
        List<SentenceSplitter.Region> regions = List.of(
                new SentenceSplitter.Region(0, 25, 0, 4),
                new SentenceSplitter.Region(26, 36, 26, 31));
        List<String> out = SPLITTER.split(text, regions).stream().map(s -> text.substring(s.begin(), s.end())).toList();
        assertEquals(List.of("HPI:", "Cough for 3 days and", "PLAN:", "rest"), out);
    }

    @Test
    void abbreviationListRejectsUnknownClasses() {
        assertThrows(IllegalArgumentException.class, () -> Abbreviations.parse(List.of("dr\tmaybe")));
        assertEquals(Abbreviations.Kind.SUFFIX, Abbreviations.parse(List.of("b.i.d\tsuffix")).kindOf("B.I.D"));
    }
}
