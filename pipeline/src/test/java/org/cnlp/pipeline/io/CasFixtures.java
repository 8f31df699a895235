package org.cnlp.pipeline.io;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.StringArray;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;
import org.cnlp.type.DocumentMetadata;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;
import org.cnlp.type.Token;

/** A small annotated note used by the format tests. */
public final class CasFixtures {

    public static final String NOTE = "HPI: No diabetes. Mother had breast cancer.\nPlan: start metformin.";

    private CasFixtures() {
    }

    public static JCas emptyJCas() throws Exception {
        return JCasFactory.createJCas();
    }

    /** {@link #NOTE} with metadata, two sections, sentences, tokens and three entities. */
    public static JCas annotatedNote() throws Exception {
        JCas jcas = emptyJCas();
        jcas.setDocumentText(NOTE);
        DocumentMetadata metadata = new DocumentMetadata(jcas);
        metadata.setDocumentId("note-1");
        metadata.setSource("notes/note-1.txt");
        metadata.setSourceFormat("text");
        metadata.addToIndexes();

        int plan = NOTE.indexOf("Plan:");
        section(jcas, "hpi", 0, plan - 1, 0, 4);
        section(jcas, "assessment_plan", plan, NOTE.length(), plan, plan + 5);
        int mother = NOTE.indexOf("Mother");
        new Sentence(jcas, 5, mother - 1).addToIndexes();
        new Sentence(jcas, mother, plan - 1).addToIndexes();
        new Sentence(jcas, plan + 6, NOTE.length()).addToIndexes();
        token(jcas, 5, 7, "no", "WORD");
        token(jcas, 8, 16, "diabetes", "WORD");
        token(jcas, 16, 17, ".", "PUNCT");

        ClinicalEntity diabetes = entity(jcas, "diabetes", "Disease", 0.93);
        diabetes.setPolarity(-1);
        diabetes.setSubject("patient");
        diabetes.setConcepts(concepts(jcas, concept(jcas, "DOID", "DOID:9351", "diabetes mellitus", 1.0,
                "MESH:D003920", "UMLS:C0011849")));
        diabetes.addToIndexes();

        ClinicalEntity cancer = entity(jcas, "breast cancer", "Disease", 0.8125);
        cancer.setPolarity(1);
        cancer.setHistorical(true);
        cancer.setSubject("family_member");
        cancer.setConcepts(concepts(jcas,
                concept(jcas, "DOID", "DOID:1612", "breast cancer", 0.9, "MESH:D001943"),
                concept(jcas, "DOID", "DOID:162", "cancer", 0.4)));
        cancer.addToIndexes();

        ClinicalEntity metformin = entity(jcas, "metformin", "Chemical", 0.5);
        metformin.setUncertain(true);
        metformin.setConditional(true);
        metformin.addToIndexes();
        return jcas;
    }

    public static ClinicalEntity entity(JCas jcas, String text, String type, double confidence) {
        int begin = jcas.getDocumentText().indexOf(text);
        ClinicalEntity entity = new ClinicalEntity(jcas, begin, begin + text.length());
        entity.setSemanticType(type);
        entity.setConfidence(confidence);
        entity.setAnnotator("ConceptLookupAnnotator");
        entity.setModelId("doid-2015");
        return entity;
    }

    public static ConceptLink concept(JCas jcas, String terminology, String id, String term, double score, String... xrefs) {
        ConceptLink link = new ConceptLink(jcas);
        link.setTerminology(terminology);
        link.setConceptId(id);
        link.setPreferredTerm(term);
        link.setScore(score);
        StringArray array = new StringArray(jcas, xrefs.length);
        for (int i = 0; i < xrefs.length; i++) {
            array.set(i, xrefs[i]);
        }
        link.setXrefs(array);
        return link;
    }

    public static FSArray<ConceptLink> concepts(JCas jcas, ConceptLink... links) {
        FSArray<ConceptLink> array = new FSArray<>(jcas, links.length);
        for (int i = 0; i < links.length; i++) {
            array.set(i, links[i]);
        }
        return array;
    }

    private static void section(JCas jcas, String name, int begin, int end, int headerBegin, int headerEnd) {
        Section section = new Section(jcas, begin, end);
        section.setName(name);
        section.setHeaderBegin(headerBegin);
        section.setHeaderEnd(headerEnd);
        section.addToIndexes();
    }

    private static void token(JCas jcas, int begin, int end, String norm, String kind) {
        Token token = new Token(jcas, begin, end);
        token.setNorm(norm);
        token.setKind(kind);
        token.addToIndexes();
    }
}
