package org.cnlp.annotators.section;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.internal.LineResources;
import org.cnlp.type.Section;

/**
 * Cuts a clinical note into {@link Section}s, from each recognised header to the next; text
 * before the first header becomes section {@value SectionDetector#NONE}. The work is done by
 * {@link SectionDetector}; header synonyms come from {@link SectionHeaderTable}.
 */
@TypeCapability(outputs = {
        "org.cnlp.type.Section",
        "org.cnlp.type.Section:name",
        "org.cnlp.type.Section:headerBegin",
        "org.cnlp.type.Section:headerEnd"})
public class SectionAnnotator extends JCasAnnotator_ImplBase {

    /** Path of a header table file replacing the bundled one; blank for the bundled table. */
    public static final String PARAM_HEADER_TABLE = "headerTable";

    @ConfigurationParameter(name = PARAM_HEADER_TABLE, mandatory = false, defaultValue = "",
            description = "Header synonym table (TSV) replacing the bundled one; blank for the bundled table.")
    private String headerTable;

    private SectionDetector detector;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            detector = new SectionDetector(SectionHeaderTable.parse(
                    LineResources.fileOrBundled(headerTable, SectionHeaderTable.class, SectionHeaderTable.BUNDLED)));
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
        for (DetectedSection s : detector.detect(text)) {
            Section section = new Section(jcas, s.begin(), s.end());
            section.setName(s.name());
            section.setHeaderBegin(s.headerBegin());
            section.setHeaderEnd(s.headerEnd());
            section.addToIndexes();
        }
    }

    /** The engine with the bundled header table. */
    public static AnalysisEngineDescription description() throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(SectionAnnotator.class);
    }

    /** The engine with the header table read from {@code headerTable}. */
    public static AnalysisEngineDescription description(Path headerTable) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(SectionAnnotator.class,
                PARAM_HEADER_TABLE, headerTable.toString());
    }
}
