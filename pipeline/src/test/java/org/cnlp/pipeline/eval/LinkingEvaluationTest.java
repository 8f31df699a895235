package org.cnlp.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;
import org.junit.jupiter.api.Test;

class LinkingEvaluationTest {

    private static final double EPS = 1e-12;

    static final Set<String> INDEXED = Set.of("MESH:D003920", "OMIM:300908", "MESH:D001943", "MESH:D008094");

    private static final Map<String, LinkedConcept> ANSWERS = Map.of(
            "diabetes", new LinkedConcept("DOID:9351", List.of("MESH:D003920", "UMLS:C0011849")),
            "G6PD deficiency", new LinkedConcept("DOID:2862", List.of("MIM:300908")),
            "breast and ovarian cancer", new LinkedConcept("DOID:1612", List.of("MESH:D001943")),
            "Lithium", new LinkedConcept("MESH:D008094", List.of()),
            "aspirin", new LinkedConcept("CHEM:1", List.of("MESH:D000001")));

    /**
     * diabetes: right through a xref. G6PD deficiency ('|' alternatives): right through MIM:
     * normalised to OMIM:. breast and ovarian cancer ('+' composite): right, one part matches.
     * rare syndrome: not linked, gold id not indexed. Lithium: right through the concept id.
     * toxicity: -1, skipped. aspirin: wrong, gold id not indexed.
     */
    static LinkingReport handComputed(List<String> typesSeen) {
        PubTatorDocument document = document("1",
                "diabetes", "SpecificDisease", List.of("D003920"),
                "G6PD deficiency", "SpecificDisease", List.of("D005955", "OMIM:300908"),
                "breast and ovarian cancer", "CompositeMention", List.of("D001943", "D010051"),
                "rare syndrome", "Modifier", List.of("C535342"),
                "Lithium", "Chemical", List.of("D008094"),
                "toxicity", "Disease", List.of(),
                "aspirin", "Chemical", List.of("D001241"));
        Linker linker = (text, type) -> {
            typesSeen.add(type);
            return Optional.ofNullable(ANSWERS.get(text));
        };
        return LinkingEvaluation.evaluate(List.of(document), linker, INDEXED::contains);
    }

    /** A document whose title lists the mentions, given as (text, type, ids) triples, separated by "; ". */
    @SuppressWarnings("unchecked")
    private static PubTatorDocument document(String pmid, Object... triples) {
        StringBuilder title = new StringBuilder();
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            if (title.length() > 0) {
                title.append("; ");
            }
            String text = (String) triples[i];
            mentions.add(new Mention(title.length(), title.length() + text.length(), text, (String) triples[i + 1],
                    (List<String>) triples[i + 2]));
            title.append(text);
        }
        return new PubTatorDocument(pmid, title.toString(), "", mentions);
    }

    @Test
    void accuracyOverAllAndReachableMentions() {
        List<String> types = new ArrayList<>();
        LinkingReport report = handComputed(types);

        assertEquals(List.of("Disease", "Disease", "Disease", "Disease", "Chemical", "Chemical"), types);
        assertEquals(1, report.documents());
        assertEquals(1, report.skipped());
        assertEquals(new LinkingCounts(4, 3, 3, 3, 1), report.counts("Disease"));
        assertEquals(new LinkingCounts(2, 1, 1, 1, 0), report.counts("Chemical"));
        LinkingCounts all = report.overall();
        assertEquals(new LinkingCounts(6, 4, 4, 4, 1), all);
        assertEquals(4.0 / 6, all.accuracy(), EPS);
        assertEquals(1.0, all.reachableAccuracy(), EPS);
        assertEquals(2, all.unreachable());
        assertEquals(0.75, report.counts("Disease").accuracy(), EPS);
        assertEquals(Map.of("MESH:C535342", 1L, "MESH:D001241", 1L, "MESH:D005955", 1L, "MESH:D010051", 1L),
                report.unreachableIds());
    }

    @Test
    void aWrongAnswerOnAReachableMentionLowersReachableAccuracy() {
        PubTatorDocument document = new PubTatorDocument("2", "Diabetes and diabetes.", "", List.of(
                new Mention(0, 8, "Diabetes", "Disease", List.of("D003920")),
                new Mention(13, 21, "diabetes", "Disease", List.of("MSH:D003920"))));
        Linker linker = (text, type) -> Optional.of(text.equals("diabetes")
                ? new LinkedConcept("DOID:9351", List.of("MESH:D003920"))
                : new LinkedConcept("DOID:1", List.of()));

        LinkingReport report = LinkingEvaluation.evaluate(List.of(document, document), linker, INDEXED::contains);

        assertEquals(new LinkingCounts(4, 2, 4, 2, 0), report.overall());
        assertEquals(0.5, report.overall().reachableAccuracy(), EPS);
        assertEquals(Map.of(), report.unreachableIds());
    }

    @Test
    void normalisesGoldIds() {
        assertEquals(Optional.of("MESH:D012345"), GoldIds.normalise("D012345"));
        assertEquals(Optional.of("MESH:C535342"), GoldIds.normalise(" C535342 "));
        assertEquals(Optional.of("MESH:D000067877"), GoldIds.normalise("D000067877"));
        assertEquals(Optional.of("MESH:D003920"), GoldIds.normalise("MSH:D003920"));
        assertEquals(Optional.of("MESH:D003920"), GoldIds.normalise("MeSH:D003920"));
        assertEquals(Optional.of("OMIM:123"), GoldIds.normalise("MIM:123"));
        assertEquals(Optional.of("OMIM:123"), GoldIds.normalise("OMIM:123"));
        assertEquals(Optional.of("DOID:9352"), GoldIds.normalise("doid:9352"));
        assertEquals(Optional.of("C0011849"), GoldIds.normalise("C0011849"), "a bare UMLS CUI is not MeSH");
        assertEquals(Optional.empty(), GoldIds.normalise("-1"));
        assertEquals(Optional.empty(), GoldIds.normalise(" "));
        assertEquals(Optional.empty(), GoldIds.normalise("MESH:"));
        assertEquals(List.of("MESH:D1", "OMIM:2"), GoldIds.normaliseAll(List.of("MSH:D1", "-1", "MESH:D1", "MIM:2")));
    }
}
