package org.cnlp.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;
import org.cnlp.type.Section;

/** Counts what a run produced, for the summary printed at its end. Thread-safe. */
final class AnnotationStats {

    private final Map<String, Integer> entitiesByType = new TreeMap<>();
    private final Map<String, Integer> sections = new TreeMap<>();
    private final Map<String, Integer> conceptCounts = new HashMap<>();
    private final Map<String, String> conceptNames = new HashMap<>();
    private int documents;
    private int characters;
    private int negated;
    private int uncertain;
    private int historical;
    private int family;
    private int linked;

    synchronized void add(JCas jcas) {
        documents++;
        characters += jcas.getDocumentText().length();
        for (Section section : JCasUtil.select(jcas, Section.class)) {
            sections.merge(section.getName(), 1, Integer::sum);
        }
        for (ClinicalEntity entity : JCasUtil.select(jcas, ClinicalEntity.class)) {
            entitiesByType.merge(String.valueOf(entity.getSemanticType()), 1, Integer::sum);
            negated += entity.getPolarity() < 0 ? 1 : 0;
            uncertain += entity.getUncertain() ? 1 : 0;
            historical += entity.getHistorical() ? 1 : 0;
            family += "family_member".equals(entity.getSubject()) ? 1 : 0;
            if (entity.getConcepts() != null && entity.getConcepts().size() > 0) {
                linked++;
                ConceptLink best = entity.getConcepts(0);
                conceptCounts.merge(best.getConceptId(), 1, Integer::sum);
                conceptNames.putIfAbsent(best.getConceptId(), best.getPreferredTerm());
            }
        }
    }

    synchronized int entities() {
        return entitiesByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized void print(PrintStream out, int topConcepts) {
        int entities = entities();
        out.printf("documents annotated: %d (%,d characters)%n", documents, characters);
        out.printf("entities: %d (%s)%n", entities, entitiesByType);
        out.printf("  linked to a concept: %d; negated: %d; uncertain: %d; historical: %d; family history: %d%n",
                linked, negated, uncertain, historical, family);
        out.printf("sections found: %s%n", sections);
        out.printf("most frequent concepts:%n");
        conceptCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topConcepts)
                .forEach(e -> out.printf("  %5d  %-14s %s%n", e.getValue(), e.getKey(), conceptNames.get(e.getKey())));
    }

}
