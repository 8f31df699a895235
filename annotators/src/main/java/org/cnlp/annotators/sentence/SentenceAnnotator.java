package org.cnlp.annotators.sentence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.internal.LineResources;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;

/**
 * Creates {@link Sentence}s with {@link SentenceSplitter}. When the CAS holds {@link Section}s,
 * each section header is a sentence of its own and no sentence crosses a section boundary;
 * otherwise the whole text is split.
 */
@TypeCapability(
        inputs = {"org.cnlp.type.Section", "org.cnlp.type.Section:headerBegin", "org.cnlp.type.Section:headerEnd"},
        outputs = {"org.cnlp.type.Sentence"})
public class SentenceAnnotator extends JCasAnnotator_ImplBase {

    /** Path of an abbreviation list replacing the bundled one; blank for the bundled list. */
    public static final String PARAM_ABBREVIATIONS = "abbreviations";
    /** Whether every line break ends a sentence (one sentence per line input); default false. */
    public static final String PARAM_NEWLINE_IS_BOUNDARY = "newlineIsBoundary";

    @ConfigurationParameter(name = PARAM_ABBREVIATIONS, mandatory = false, defaultValue = "",
            description = "Abbreviation list (TSV) replacing the bundled one; blank for the bundled list.")
    private String abbreviations;

    @ConfigurationParameter(name = PARAM_NEWLINE_IS_BOUNDARY, mandatory = false, defaultValue = "false",
            description = "End a sentence at every line break instead of judging line breaks by context.")
    private boolean newlineIsBoundary;

    private SentenceSplitter splitter;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            splitter = new SentenceSplitter(Abbreviations.parse(
                    LineResources.fileOrBundled(abbreviations, Abbreviations.class, Abbreviations.BUNDLED)),
                    newlineIsBoundary);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if (text == null) {
            return;
        }
        List<SentenceSplitter.Region> sections = new ArrayList<>();
        for (Section section : JCasUtil.select(jcas, Section.class)) {
            sections.add(new SentenceSplitter.Region(section.getBegin(), section.getEnd(),
                    section.getHeaderBegin(), section.getHeaderEnd()));
        }
        List<SentenceSpan> spans = splitter.split(text, sections);
        for (SentenceSpan span : spans) {
            new Sentence(jcas, span.begin(), span.end()).addToIndexes();
        }
    }

    /** The splitter with the bundled abbreviations, line breaks judged by context. */
    public static AnalysisEngineDescription description() throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(SentenceAnnotator.class);
    }

    /** The splitter with the bundled abbreviations, every line break a boundary or not. */
    public static AnalysisEngineDescription description(boolean newlineIsBoundary)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(SentenceAnnotator.class,
                PARAM_NEWLINE_IS_BOUNDARY, newlineIsBoundary);
    }
}
