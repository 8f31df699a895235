package org.cnlp.annotators.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ContextAnalyzerTest {

    private static final AssertionLexicon LEXICON = AssertionLexicon.bundled();
    private static final ContextAnalyzer ANALYZER = new ContextAnalyzer(LEXICON, ContextSettings.defaults());

    private static Assertion assess(ContextAnalyzer analyzer, String sentence, String entity, String section) {
        int begin = sentence.indexOf(entity);
        return analyzer.analyze(ContextAnalyzer.tokens(sentence, 0, sentence.length()),
                List.of(new EntitySpan(begin, begin + entity.length())), section).getFirst();
    }

    private static Assertion assess(String sentence, String entity) {
        return assess(ANALYZER, sentence, entity, "");
    }

    @Test
    void affirmedByDefault() {
        assertEquals(Assertion.DEFAULT, assess("The patient has chest pain.", "chest pain"));
    }

    @Test
    void terminationEndsNegationScope() {
        assertTrue(assess("Denies chest pain but reports dyspnea.", "chest pain").negated());
        assertFalse(assess("Denies chest pain but reports dyspnea.", "dyspnea").negated());
    }

    @Test
    void listsStayInScope() {
        for (String entity : List.of("fever", "chills", "cough")) {
            assertTrue(assess("No fever, chills, or cough.", entity).negated(), entity);
        }
    }

    @Test
    void windowLimitsScopeAndIsConfigurable() {
        String sentence = "No one two three four five six seven eight pneumonia.";
        assertFalse(assess(sentence, "pneumonia").negated());
        ContextAnalyzer wide = new ContextAnalyzer(LEXICON, new ContextSettings(9, Set.of(), Set.of()));
        assertTrue(assess(wide, sentence, "pneumonia", "").negated());
    }

    @Test
    void postTriggersLookBackward() {
        assertTrue(assess("Myocardial infarction was ruled out.", "Myocardial infarction").negated());
        Assertion cannotRuleOut = assess("Pulmonary embolism cannot be ruled out.", "Pulmonary embolism");
        assertFalse(cannotRuleOut.negated());
        assertTrue(cannotRuleOut.uncertain());
    }

    @Test
    void pseudoTriggersDoNotFire() {
        assertFalse(assess("No increase in the size of the liver lesion.", "liver lesion").negated());
        assertFalse(assess("Gram-negative rods in the blood culture.", "rods").negated());
    }

    @Test
    void uncertainConditionalHistoricalAndSubject() {
        assertTrue(assess("R/O sepsis.", "sepsis").uncertain());
        assertTrue(assess("Return if chest pain recurs.", "chest pain").conditional());
        assertTrue(assess("S/p cholecystectomy in 2010.", "cholecystectomy").historical());
        assertEquals(Subject.FAMILY_MEMBER, assess("Mother with breast cancer.", "breast cancer").subject());
        assertEquals(Subject.OTHER, assess("His wife has influenza.", "influenza").subject());
        Assertion negatedFamily = assess("No family history of colon cancer.", "colon cancer");
        assertTrue(negatedFamily.negated());
        assertEquals(Subject.FAMILY_MEMBER, negatedFamily.subject());
    }

    @Test
    void categoryTerminationOnlyEndsItsCategory() {
        Assertion headache = assess("History of stroke, now no headache.", "headache");
        assertFalse(headache.historical());
        assertTrue(headache.negated());
    }

    @Test
    void triggerInsideTheEntityDoesNotApply() {
        assertFalse(assess("Patient has no-reflow phenomenon.", "no-reflow phenomenon").negated());
    }

    @Test
    void sectionContext() {
        assertTrue(assess(ANALYZER, "Asthma.", "Asthma", "pmh").historical());
        assertTrue(assess(ANALYZER, "Appendectomy.", "Appendectomy", "psh").historical());
        assertEquals(Subject.FAMILY_MEMBER, assess(ANALYZER, "Diabetes.", "Diabetes", "family_history").subject());
        assertEquals(Assertion.DEFAULT, assess(ANALYZER, "Diabetes.", "Diabetes", "hpi"));
    }

    @Test
    void severalEntitiesInOneSentence() {
        String sentence = "Possible pneumonia; no effusion.";
        List<Assertion> out = ANALYZER.analyze(ContextAnalyzer.tokens(sentence, 0, sentence.length()),
                List.of(new EntitySpan(9, 18), new EntitySpan(23, 31)), "");
        assertEquals(new Assertion(1, true, false, false, Subject.PATIENT), out.get(0));
        assertEquals(new Assertion(-1, false, false, false, Subject.PATIENT), out.get(1));
    }
}
