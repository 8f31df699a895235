package org.cnlp.pipeline.io.pubtator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.StringArray;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;
import org.cnlp.type.DocumentMetadata;

/**
 * Moves PubTator documents into and out of a JCas.
 *
 * <p>Out of a JCas, each {@link ClinicalEntity} whose semantic type maps to a PubTator type
 * ({@link #pubTatorType(String)}) becomes a mention whose single id is
 * {@link #conceptId(ClinicalEntity)}; entities of other types are skipped. Stateless.
 */
public final class PubTatorCas {

    /** {@code DocumentMetadata.sourceFormat} of documents loaded from PubTator. */
    public static final String FORMAT = "pubtator";

    private PubTatorCas() {
    }

    /**
     * Loads {@code document} into an empty JCas view: text {@code title + " " + abstract},
     * language {@code en}, and a {@link DocumentMetadata} with documentId = PMID,
     * sourceFormat = {@value #FORMAT} and titleEnd = title length. Gold mentions are not added.
     *
     * @param source file name or URI of the PubTator file, for DocumentMetadata.source
     */
    public static void load(PubTatorDocument document, String source, JCas jcas) {
        jcas.setDocumentText(document.text());
        jcas.setDocumentLanguage("en");
        DocumentMetadata metadata = new DocumentMetadata(jcas);
        metadata.setDocumentId(document.pmid());
        metadata.setSource(source);
        metadata.setSourceFormat(FORMAT);
        metadata.setTitleEnd(document.titleEnd());
        metadata.addToIndexes();
    }

    /**
     * The PubTator type of a semantic type: Disease and Phenotype give {@code Disease}, Chemical
     * gives {@code Chemical} (case-insensitive); any other type gives empty (not written).
     */
    public static Optional<String> pubTatorType(String semanticType) {
        if (semanticType == null) {
            return Optional.empty();
        }
        return switch (semanticType.toLowerCase(Locale.ROOT)) {
            case "disease", "phenotype" -> Optional.of("Disease");
            case "chemical" -> Optional.of("Chemical");
            default -> Optional.empty();
        };
    }

    /**
     * The PubTator id of an entity's best concept (the first ConceptLink): its first
     * {@code MESH:} cross-reference without the prefix (e.g. {@code D003920}) when it has one,
     * otherwise its concept id (e.g. {@code DOID:9352}); empty when the entity is not linked
     * (written as {@code -1}).
     */
    public static Optional<String> conceptId(ClinicalEntity entity) {
        FSArray<ConceptLink> concepts = entity.getConcepts();
        if (concepts == null || concepts.size() == 0 || concepts.get(0) == null) {
            return Optional.empty();
        }
        ConceptLink best = concepts.get(0);
        StringArray xrefs = best.getXrefs();
        if (xrefs != null) {
            for (String xref : xrefs) {
                Optional<String> mesh = meshId(xref);
                if (mesh.isPresent()) {
                    return mesh;
                }
            }
        }
        String id = best.getConceptId();
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(clean(id));
    }

    /** The mentions of {@code jcas} in PubTator form, in annotation-index order. */
    public static List<Mention> mentions(JCas jcas) {
        List<Mention> mentions = new ArrayList<>();
        for (ClinicalEntity entity : JCasUtil.select(jcas, ClinicalEntity.class)) {
            if (entity.getEnd() <= entity.getBegin()) {
                continue;
            }
            pubTatorType(entity.getSemanticType()).ifPresent(type -> mentions.add(new Mention(
                    entity.getBegin(), entity.getEnd(), oneLine(entity.getCoveredText()), type,
                    conceptId(entity).map(List::of).orElse(List.of()))));
        }
        return mentions;
    }

    /**
     * The JCas as a PubTator document. PMID is {@code DocumentMetadata.documentId}. When
     * titleEnd is set and followed by a space, the text splits there into title and abstract;
     * otherwise the whole text is the title and the abstract is empty. Line breaks and tabs
     * become spaces, so offsets are kept.
     *
     * @throws IllegalArgumentException when the JCas has no document id
     */
    public static PubTatorDocument toDocument(JCas jcas) {
        DocumentMetadata metadata = JCasUtil.select(jcas, DocumentMetadata.class).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no DocumentMetadata: a PubTator document needs an id"));
        String pmid = metadata.getDocumentId();
        if (pmid == null || pmid.isBlank()) {
            throw new IllegalArgumentException("no documentId: a PubTator document needs an id");
        }
        String text = oneLine(jcas.getDocumentText() == null ? "" : jcas.getDocumentText());
        int titleEnd = metadata.getTitleEnd();
        String title;
        String abstractText;
        if (titleEnd > 0 && titleEnd < text.length() && text.charAt(titleEnd) == ' ') {
            title = text.substring(0, titleEnd);
            abstractText = text.substring(titleEnd + 1);
        } else {
            title = text;
            abstractText = "";
        }
        return new PubTatorDocument(pmid, title, abstractText, mentions(jcas));
    }

    private static Optional<String> meshId(String xref) {
        if (xref == null) {
            return Optional.empty();
        }
        int colon = xref.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String prefix = xref.substring(0, colon).trim().toUpperCase(Locale.ROOT);
        String id = xref.substring(colon + 1).trim();
        return (prefix.equals("MESH") || prefix.equals("MSH")) && !id.isEmpty()
                ? Optional.of(clean(id)) : Optional.empty();
    }

    private static String clean(String id) {
        return id.trim().replaceAll("[|+\\t\\r\\n]", "_");
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
