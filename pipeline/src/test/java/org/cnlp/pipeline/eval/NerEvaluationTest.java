package org.cnlp.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;
import org.junit.jupiter.api.Test;

class NerEvaluationTest {

    private static final double EPS = 1e-12;

    /**
     * Document A: two disease hits (one via Modifier → Disease), one type error (counts as a
     * Disease FP and a Chemical FN), one boundary error (Disease FP + FN). Document B: a
     * duplicated gold chemical counts once, one chemical missed, one chemical FP, one FP of
     * another type.
     */
    static NerReport handComputed() {
        return new NerEvaluation()
                .add(List.of(new Span(0, 5, "SpecificDisease"), new Span(10, 20, "Modifier"),
                                new Span(30, 40, "Chemical"), new Span(50, 60, "Disease")),
                        List.of(new Span(0, 5, "Disease"), new Span(10, 20, "Disease"),
                                new Span(30, 40, "Disease"), new Span(50, 61, "Disease")))
                .add(List.of(new Span(0, 3, "Chemical"), new Span(0, 3, "Chemical"), new Span(20, 25, "Chemical")),
                        List.of(new Span(0, 3, "Chemical"), new Span(5, 8, "Chemical"), new Span(9, 12, "Gene")))
                .report();
    }

    @Test
    void countsPerTypeAndMicro() {
        NerReport report = handComputed();

        assertEquals(2, report.documents());
        assertEquals(List.of("Chemical", "Disease", "Gene"), List.copyOf(report.perType().keySet()));
        assertEquals(new PrfCounts(2, 2, 1), report.counts("Disease"));
        assertEquals(new PrfCounts(1, 1, 2), report.counts("Chemical"));
        assertEquals(new PrfCounts(0, 1, 0), report.counts("Gene"));
        assertEquals(new PrfCounts(3, 4, 3), report.micro());

        PrfCounts disease = report.counts("Disease");
        assertEquals(0.5, disease.precision(), EPS);
        assertEquals(2.0 / 3, disease.recall(), EPS);
        assertEquals(4.0 / 7, disease.f1(), EPS);
        assertEquals(1.0 / 3, report.counts("Chemical").recall(), EPS);
        assertEquals(0.4, report.counts("Chemical").f1(), EPS);
        assertEquals(3.0 / 7, report.micro().precision(), EPS);
        assertEquals(0.5, report.micro().recall(), EPS);
        assertEquals(6.0 / 13, report.micro().f1(), EPS);
        assertEquals((4.0 / 7 + 0.4 + 0.0) / 3, report.macroF1(), EPS);
    }

    @Test
    void emptyRatiosAreZero() {
        assertEquals(0.0, PrfCounts.ZERO.precision());
        assertEquals(0.0, PrfCounts.ZERO.f1());
        NerReport none = new NerEvaluation().add(List.of(), List.of()).report();
        assertEquals(PrfCounts.ZERO, none.micro());
        assertEquals(0.0, none.macroF1());
    }

    @Test
    void normalisesCorpusTypes() {
        for (String type : List.of("SpecificDisease", "DiseaseClass", "Modifier", "CompositeMention", "Disease", "phenotype")) {
            assertEquals("Disease", EntityTypes.normalise(type), type);
        }
        assertEquals("Chemical", EntityTypes.normalise("Chemical"));
        assertEquals("Gene", EntityTypes.normalise(" Gene "));
    }

    @Test
    void aRepeatedPmidIsTwoDocuments() {
        PubTatorDocument gold = new PubTatorDocument("8528200", "Ataxia in MJD.", "",
                List.of(new Mention(0, 6, "Ataxia", "DiseaseClass", List.of("D001259"))));
        Map<String, List<Mention>> predicted = Map.of("8528200",
                List.of(new Mention(0, 6, "Ataxia", "Disease", List.of()), new Mention(10, 13, "MJD", "Disease", List.of())));

        NerReport report = NerEvaluation.evaluate(List.of(gold, gold), predicted);

        assertEquals(2, report.documents());
        assertEquals(new PrfCounts(2, 2, 0), report.micro());
        assertEquals(new PrfCounts(0, 0, 2), NerEvaluation.evaluate(List.of(gold, gold), Map.of()).micro());
    }
}
