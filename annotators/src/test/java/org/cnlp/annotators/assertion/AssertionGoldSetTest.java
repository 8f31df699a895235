package org.cnlp.annotators.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AggregateBuilder;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.assertion.AssertionEvaluation.Attribute;
import org.cnlp.annotators.assertion.AssertionEvaluation.GoldExample;
import org.cnlp.annotators.assertion.AssertionEvaluation.Report;
import org.cnlp.annotators.section.SectionAnnotator;
import org.cnlp.annotators.sentence.SentenceAnnotator;
import org.cnlp.annotators.token.TokenAnnotator;
import org.cnlp.type.ClinicalEntity;
import org.junit.jupiter.api.Test;

/**
 * Runs Section, Sentence, Token and Assertion engines over the labelled set and checks the
 * per-attribute accuracy. The thresholds sit a little under what the bundled lexicon reaches
 * (0.996 / 1.000 / 1.000 / 0.991 / 0.996 on 229 mentions) so that a lexicon edit that breaks
 * something fails here.
 */
class AssertionGoldSetTest {

    private static final Path GOLD = Path.of("src/test/resources/assertion/assertion-gold.tsv");
    private static final Map<Attribute, Double> THRESHOLDS = Map.of(
            Attribute.POLARITY, 0.97,
            Attribute.UNCERTAIN, 0.97,
            Attribute.CONDITIONAL, 0.97,
            Attribute.HISTORICAL, 0.97,
            Attribute.SUBJECT, 0.97);

    @Test
    void accuracyPerAttributeOverTheUimaPipeline() throws Exception {
        List<GoldExample> examples = AssertionEvaluation.read(GOLD);
        assertTrue(examples.size() >= 120);
        assertTrue(examples.stream().map(GoldExample::sentence).distinct().count() >= 120);

        AnalysisEngine engine = pipeline();
        Report report;
        try {
            report = AssertionEvaluation.evaluate(examples, uimaPredictor(engine, JCasFactory.createJCas()));
        } finally {
            engine.destroy();
        }
        System.out.print("Assertion gold set, UIMA pipeline:\n" + report.format());
        report.mismatches().forEach(m -> System.out.println("  miss " + m.wrong() + ": " + m.example().sentence()
                + " [" + m.example().entity() + "]"));
        THRESHOLDS.forEach((attribute, min) -> assertTrue(report.accuracy().get(attribute) >= min,
                attribute + " accuracy " + report.accuracy().get(attribute) + " < " + min));

        Report plain = AssertionEvaluation.evaluateBundled(GOLD);
        assertEquals(report.accuracy(), plain.accuracy(), "plain classes and UIMA engines agree");
        assertEquals(report.mismatches(), plain.mismatches());
    }

    private static AnalysisEngine pipeline() throws ResourceInitializationException {
        AggregateBuilder builder = new AggregateBuilder();
        builder.add(SectionAnnotator.description());
        builder.add(SentenceAnnotator.description());
        builder.add(TokenAnnotator.description());
        builder.add(AssertionAnnotator.description());
        return builder.createAggregate();
    }

    private static Function<GoldExample, Assertion> uimaPredictor(AnalysisEngine engine, JCas jcas) {
        return example -> {
            jcas.reset();
            jcas.setDocumentText(example.note());
            ClinicalEntity entity = new ClinicalEntity(jcas, example.entityBegin(), example.entityEnd());
            entity.addToIndexes();
            try {
                engine.process(jcas);
            } catch (AnalysisEngineProcessException e) {
                throw new IllegalStateException(e);
            }
            return new Assertion(entity.getPolarity(), entity.getUncertain(), entity.getConditional(),
                    entity.getHistorical(), Subject.fromValue(entity.getSubject()));
        };
    }
}
