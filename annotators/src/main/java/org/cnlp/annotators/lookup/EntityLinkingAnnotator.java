package org.cnlp.annotators.lookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.cnlp.terminology.index.ConceptMatch;
import org.cnlp.terminology.model.Concept;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;

/**
 * Links entities that another annotator found (a transformer NER model) to terminology
 * concepts: the entity's text is searched in the Lucene index (exact, token, stem, abbreviation
 * and fuzzy matching, ranked) and the best concepts of a compatible semantic group become its
 * {@link ConceptLink}s, best first, with the search score. Entities that already carry concepts
 * are left alone; an entity with no acceptable match stays unlinked.
 */
@TypeCapability(inputs = "org.cnlp.type.ClinicalEntity", outputs = "org.cnlp.type.ConceptLink")
public final class EntityLinkingAnnotator extends JCasAnnotator_ImplBase {

    public static final String RES_TERMINOLOGY = "terminology";
    @ExternalResource(key = RES_TERMINOLOGY)
    private TerminologyResource terminology;

    public static final String PARAM_MAX_CONCEPTS = "maxConcepts";
    @ConfigurationParameter(name = PARAM_MAX_CONCEPTS, mandatory = false, defaultValue = "3",
            description = "Candidate concepts kept per entity.")
    private int maxConcepts;

    public static final String PARAM_MIN_SCORE = "minScore";
    @ConfigurationParameter(name = PARAM_MIN_SCORE, mandatory = false, defaultValue = "0.5",
            description = "Search scores below this are not links.")
    private float minScore;

    /** How many ranked candidates are read before filtering by semantic group. */
    private static final int CANDIDATES = 20;

    /** The engine bound to the index in {@code indexDir}; {@code params} are name/value configuration pairs. */
    public static AnalysisEngineDescription description(Path indexDir, Object... params) throws ResourceInitializationException {
        Object[] withResource = TerminologyResource.bind(params, RES_TERMINOLOGY, indexDir, false);
        return AnalysisEngineFactory.createEngineDescription(EntityLinkingAnnotator.class, withResource);
    }

    @Override
    public void process(JCas jcas) {
        for (ClinicalEntity entity : new ArrayList<>(JCasUtil.select(jcas, ClinicalEntity.class))) {
            if (entity.getConcepts() != null && entity.getConcepts().size() > 0) {
                continue;
            }
            Set<String> groups = compatibleGroups(entity.getSemanticType());
            List<ConceptMatch> chosen = new ArrayList<>(maxConcepts);
            for (ConceptMatch match : terminology.index().search(entity.getCoveredText(), CANDIDATES)) {
                if (chosen.size() == maxConcepts) {
                    break;
                }
                if (match.score() >= minScore && (groups.isEmpty() || groups.contains(match.concept().semanticGroup()))) {
                    chosen.add(match);
                }
            }
            if (chosen.isEmpty()) {
                continue;
            }
            FSArray<ConceptLink> links = new FSArray<>(jcas, chosen.size());
            for (int i = 0; i < chosen.size(); i++) {
                links.set(i, link(jcas, chosen.get(i).concept(), chosen.get(i).score()));
            }
            entity.removeFromIndexes();
            entity.setConcepts(links);
            entity.addToIndexes();
        }
    }

    /** The terminology groups an entity type may link to: Disease takes diseases and phenotypes. */
    static Set<String> compatibleGroups(String entityType) {
        if (entityType == null) {
            return Set.of();
        }
        return switch (entityType.toLowerCase(Locale.ROOT)) {
            case "disease", "phenotype", "problem" -> Set.of("Disease", "Phenotype");
            case "chemical", "drug" -> Set.of("Chemical");
            default -> Set.of();
        };
    }

    static ConceptLink link(JCas jcas, Concept concept, double score) {
        ConceptLink link = new ConceptLink(jcas);
        link.setTerminology(concept.source());
        link.setConceptId(concept.id());
        link.setPreferredTerm(concept.preferredTerm());
        link.setScore(score);
        link.setXrefs(new StringArray(jcas, concept.xrefs().size()));
        for (int i = 0; i < concept.xrefs().size(); i++) {
            link.getXrefs().set(i, concept.xrefs().get(i));
        }
        return link;
    }
}
