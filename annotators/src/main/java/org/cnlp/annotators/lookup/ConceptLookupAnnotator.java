package org.cnlp.annotators.lookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ExternalResource;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.StringArray;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.terminology.model.Concept;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;
import org.cnlp.type.Token;

/**
 * Dictionary concept recognition: longest, non-overlapping matches of terminology names over
 * whole tokens within each sentence, each becoming a {@link ClinicalEntity} linked to its
 * candidate concepts (best first). Section headers are skipped ("ALLERGIES:" is not a
 * finding). Entities start affirmed, about the patient; the assertion engine refines that.
 */
@TypeCapability(
        inputs = {"org.cnlp.type.Section", "org.cnlp.type.Sentence", "org.cnlp.type.Token"},
        outputs = {"org.cnlp.type.ClinicalEntity", "org.cnlp.type.ConceptLink"})
public final class ConceptLookupAnnotator extends JCasAnnotator_ImplBase {

    public static final String RES_TERMINOLOGY = "terminology";
    @ExternalResource(key = RES_TERMINOLOGY)
    private TerminologyResource terminology;

    public static final String PARAM_MAX_CONCEPTS = "maxConcepts";
    @ConfigurationParameter(name = PARAM_MAX_CONCEPTS, mandatory = false, defaultValue = "3",
            description = "Candidate concepts kept per entity.")
    private int maxConcepts;

    public static final String PARAM_SEMANTIC_GROUPS = "semanticGroups";
    @ConfigurationParameter(name = PARAM_SEMANTIC_GROUPS, mandatory = false, defaultValue = {},
            description = "Semantic groups to annotate (Disease, Phenotype, Chemical); empty for all.")
    private String[] semanticGroups;

    private static final String ANNOTATOR = ConceptLookupAnnotator.class.getSimpleName();

    private Set<String> groups;

    /** The engine bound to the index in {@code indexDir}; {@code params} are name/value configuration pairs. */
    public static AnalysisEngineDescription description(Path indexDir, Object... params) throws ResourceInitializationException {
        Object[] withResource = TerminologyResource.bind(params, RES_TERMINOLOGY, indexDir, true);
        return AnalysisEngineFactory.createEngineDescription(ConceptLookupAnnotator.class, withResource);
    }

    @Override
    public void initialize(org.apache.uima.UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        groups = Set.of(semanticGroups);
    }

    @Override
    public void process(JCas jcas) {
        int[][] headers = headers(jcas);
        Collection<Sentence> sentences = JCasUtil.select(jcas, Sentence.class);
        if (sentences.isEmpty()) {
            annotate(jcas, new ArrayList<>(JCasUtil.select(jcas, Token.class)), headers);
        } else {
            var tokensBySentence = JCasUtil.indexCovered(jcas, Sentence.class, Token.class);
            for (Sentence sentence : sentences) {
                annotate(jcas, new ArrayList<>(tokensBySentence.get(sentence)), headers);
            }
        }
    }

    /** Section header spans, sorted: "ALLERGIES:" names a section, it is not a finding. */
    private static int[][] headers(JCas jcas) {
        return JCasUtil.select(jcas, Section.class).stream()
                .filter(s -> s.getHeaderEnd() > s.getHeaderBegin())
                .map(s -> new int[] {s.getHeaderBegin(), s.getHeaderEnd()})
                .toArray(int[][]::new);
    }

    private static boolean insideHeader(int offset, int[][] headers) {
        for (int[] header : headers) {
            if (offset >= header[0] && offset < header[1]) {
                return true;
            }
        }
        return false;
    }

    private void annotate(JCas jcas, List<Token> tokens, int[][] headers) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = jcas.getDocumentText();
        List<ConceptDictionary.LookupToken> lookup = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            lookup.add(new ConceptDictionary.LookupToken(token.getNorm(), isUpperCase(text, token),
                    TerminologyResource.isSkippable(text, token.getBegin(), token.getEnd(),
                            org.cnlp.annotators.token.TokenKind.valueOf(token.getKind()))));
        }
        for (ConceptDictionary.Match match : terminology.dictionary().findAll(lookup)) {
            List<Concept> concepts = resolve(match);
            if (!concepts.isEmpty() && !insideHeader(tokens.get(match.begin()).getBegin(), headers)) {
                addEntity(jcas, tokens.get(match.begin()).getBegin(), tokens.get(match.end() - 1).getEnd(), match, concepts);
            }
        }
    }

    private List<Concept> resolve(ConceptDictionary.Match match) {
        List<Concept> concepts = new ArrayList<>(maxConcepts);
        for (ConceptDictionary.Entry entry : match.entries()) {
            if (concepts.size() == maxConcepts) {
                break;
            }
            Optional<Concept> concept = terminology.index().concept(entry.conceptId());
            concept.filter(c -> groups.isEmpty() || groups.contains(c.semanticGroup())).ifPresent(concepts::add);
        }
        return concepts;
    }

    private void addEntity(JCas jcas, int begin, int end, ConceptDictionary.Match match, List<Concept> concepts) {
        ClinicalEntity entity = new ClinicalEntity(jcas, begin, end);
        entity.setSemanticType(concepts.get(0).semanticGroup());
        entity.setConfidence(match.entries().get(0).preferred() ? 1.0 : 0.9);
        entity.setAnnotator(ANNOTATOR);
        entity.setModelId(terminology.version());
        entity.setPolarity(1);
        entity.setSubject("patient");
        FSArray<ConceptLink> links = new FSArray<>(jcas, concepts.size());
        for (int i = 0; i < concepts.size(); i++) {
            links.set(i, EntityLinkingAnnotator.link(jcas, concepts.get(i), match.entries().get(0).conceptId().equals(concepts.get(i).id()) ? 1.0 : 0.9));
        }
        entity.setConcepts(links);
        entity.addToIndexes();
    }

    private static boolean isUpperCase(String text, Token token) {
        boolean letter = false;
        for (int i = token.getBegin(); i < token.getEnd(); i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }


}
