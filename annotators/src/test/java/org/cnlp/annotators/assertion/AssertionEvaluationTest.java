package org.cnlp.annotators.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import org.cnlp.annotators.assertion.AssertionEvaluation.Attribute;
import org.cnlp.annotators.assertion.AssertionEvaluation.GoldExample;
import org.cnlp.annotators.assertion.AssertionEvaluation.Report;
import org.junit.jupiter.api.Test;

class AssertionEvaluationTest {

    private static final String TSV = """
            # comment
            No fever.\tfever\t-1\tfalse\tfalse\tfalse\tpatient\t
            Asthma.\tAsthma\t1\tfalse\tfalse\ttrue\tpatient\tPMH:
            Possible flu.\tflu\t1\ttrue\tfalse\tfalse\tpatient
            Mother with diabetes.\tdiabetes\t1\tfalse\tfalse\tfalse\tfamily_member\t
            """;

    @Test
    void readsExamplesWithOptionalSectionHeader() throws Exception {
        List<GoldExample> examples = AssertionEvaluation.read(new StringReader(TSV));
        assertEquals(4, examples.size());
        GoldExample asthma = examples.get(1);
        assertEquals("PMH:\nAsthma.", asthma.note());
        assertEquals("Asthma", asthma.note().substring(asthma.entityBegin(), asthma.entityEnd()));
        assertEquals("", examples.get(2).sectionHeader());
        assertEquals(new Assertion(-1, false, false, false, Subject.PATIENT), examples.getFirst().expected());
    }

    @Test
    void accuracyPerAttribute() throws Exception {
        Report report = AssertionEvaluation.evaluate(AssertionEvaluation.read(new StringReader(TSV)),
                example -> Assertion.DEFAULT);
        assertEquals(0.75, report.accuracy().get(Attribute.POLARITY));
        assertEquals(0.75, report.accuracy().get(Attribute.UNCERTAIN));
        assertEquals(1.0, report.accuracy().get(Attribute.CONDITIONAL));
        assertEquals(0.75, report.accuracy().get(Attribute.HISTORICAL));
        assertEquals(0.75, report.accuracy().get(Attribute.SUBJECT));
        assertEquals(0.0, report.allCorrect());
        assertEquals(Set.of(Attribute.POLARITY), report.mismatches().getFirst().wrong());
        assertTrue(report.format().contains("polarity     0.750"));
    }

    @Test
    void plainPredictorUsesSectionContext() throws Exception {
        Report report = AssertionEvaluation.evaluate(AssertionEvaluation.read(new StringReader(TSV)),
                AssertionEvaluation.plainPredictor(
                        new org.cnlp.annotators.section.SectionDetector(
                                org.cnlp.annotators.section.SectionHeaderTable.bundled()),
                        org.cnlp.annotators.sentence.SentenceSplitter.standard(),
                        new ContextAnalyzer(AssertionLexicon.bundled(), ContextSettings.defaults())));
        assertEquals(1.0, report.allCorrect());
    }

    @Test
    void rejectsMalformedRows() {
        assertThrows(IllegalArgumentException.class,
                () -> AssertionEvaluation.read(new StringReader("No fever.\tfever\t-1\tfalse\n")));
        assertThrows(IllegalArgumentException.class,
                () -> AssertionEvaluation.read(new StringReader("No fever.\tcough\t-1\tfalse\tfalse\tfalse\tpatient\n")));
        assertThrows(IllegalArgumentException.class,
                () -> AssertionEvaluation.read(new StringReader("No fever.\tfever\t-1\tyes\tfalse\tfalse\tpatient\n")));
    }
}
