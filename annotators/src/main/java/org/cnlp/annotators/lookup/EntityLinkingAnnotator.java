package org.cnlp.annotators.lookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.apache.uima.UimaContext;
import org.cnlp.terminology.link.ConceptLinker;
import org.cnlp.terminology.link.DocumentAbbreviations;
import org.cnlp.terminology.link.LinkCandidate;
import org.cnlp.terminology.link.LinkerSettings;
import org.cnlp.terminology.link.LinkingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cnlp.terminology.model.Concept;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;

/**
 * Links entities that another annotator found (a transformer NER model) to terminology
 * concepts. Candidates come from the Lucene index's ranked search (exact, token, stem,
 * abbreviation and fuzzy matching), from the nearest concept names by embedding, or from both
 * fused ({@link #PARAM_MODE}); the best concepts of a compatible semantic group become the
 * entity's {@link ConceptLink}s, best first. A short form the document defines ("Wiskott-Aldrich
 * syndrome (WAS)") is linked as its long form. Entities that already carry concepts are left
 * alone; an entity with no acceptable candidate stays unlinked. The mentions of one CAS are
 * embedded in one batch.
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

    /** The default of {@link #PARAM_MIN_SCORE}. */
    public static final double DEFAULT_MIN_SCORE = 0.5;
    /** The default of {@link #PARAM_MAX_CONCEPTS}. */
    public static final int DEFAULT_MAX_CONCEPTS = 3;

    public static final String PARAM_MIN_SCORE = "minScore";
    @ConfigurationParameter(name = PARAM_MIN_SCORE, mandatory = false, defaultValue = "0.5",
            description = "Search scores below this are not links.")
    private float minScore;

    public static final String PARAM_MODE = "mode";
    @ConfigurationParameter(name = PARAM_MODE, mandatory = false, defaultValue = "auto",
            description = "lexical, dense, hybrid, or auto: hybrid when current concept vectors are configured, else lexical.")
    private String mode;

    private static final Logger LOG = LoggerFactory.getLogger(EntityLinkingAnnotator.class);

    private ConceptLinker linker;

    /** The engine bound to the index in {@code indexDir}; {@code params} are name/value configuration pairs. */
    public static AnalysisEngineDescription description(Path indexDir, Object... params) throws ResourceInitializationException {
        return description(indexDir, null, params);
    }

    /**
     * The engine bound to the index in {@code indexDir} and the concept vectors in
     * {@code vectorsDir} (null or missing: lexical linking unless a mode needing them is asked for).
     */
    public static AnalysisEngineDescription description(Path indexDir, Path vectorsDir, Object... params)
            throws ResourceInitializationException {
        Object[] withResource = TerminologyResource.bind(params, RES_TERMINOLOGY, indexDir, false, vectorsDir);
        return AnalysisEngineFactory.createEngineDescription(EntityLinkingAnnotator.class, withResource);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        LinkingMode chosen;
        try {
            chosen = "auto".equalsIgnoreCase(mode.strip())
                    ? (terminology.hasVectors() ? LinkingMode.HYBRID : LinkingMode.LEXICAL)
                    : LinkingMode.parse(mode);
            linker = terminology.linker(LinkerSettings.defaults(chosen));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ResourceInitializationException(e);
        }
        LOG.info("Entity linking: {} ({})", chosen.name().toLowerCase(Locale.ROOT), terminology.vectorsStatus());
    }

    @Override
    public void process(JCas jcas) {
        List<ClinicalEntity> pending = new ArrayList<>();
        for (ClinicalEntity entity : JCasUtil.select(jcas, ClinicalEntity.class)) {
            if (entity.getConcepts() == null || entity.getConcepts().size() == 0) {
                pending.add(entity);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        DocumentAbbreviations abbreviations = linker.abbreviations(jcas.getDocumentText());
        List<String> texts = pending.stream().map(entity -> linker.linkText(abbreviations, entity.getCoveredText())).toList();
        // One search per entity type group, each batch of mentions embedded at once.
        List<List<LinkCandidate>> candidates = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            candidates.add(null);
        }
        Map<Set<String>, List<Integer>> byGroups = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            byGroups.computeIfAbsent(compatibleGroups(pending.get(i).getSemanticType()), g -> new ArrayList<>()).add(i);
        }
        byGroups.forEach((groups, indices) -> {
            java.util.function.Predicate<org.cnlp.terminology.model.Concept> accept =
                    concept -> groups.isEmpty() || groups.contains(concept.semanticGroup());
            List<List<LinkCandidate>> found = linker.linkAll(indices.stream().map(texts::get).toList(), accept, maxConcepts);
            for (int k = 0; k < indices.size(); k++) {
                int i = indices.get(k);
                String asWritten = pending.get(i).getCoveredText();
                // An expanded short form that finds nothing is linked as written (as ConceptLinker.best does).
                candidates.set(i, found.get(k).isEmpty() && !texts.get(i).equals(asWritten)
                        ? linker.link(asWritten, accept, maxConcepts) : found.get(k));
            }
        });
        for (int i = 0; i < pending.size(); i++) {
            ClinicalEntity entity = pending.get(i);
            List<LinkCandidate> chosen = candidates.get(i).stream().filter(c -> c.score() >= minScore).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            FSArray<ConceptLink> links = new FSArray<>(jcas, chosen.size());
            for (int k = 0; k < chosen.size(); k++) {
                links.set(k, link(jcas, chosen.get(k).concept(), chosen.get(k).score()));
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
