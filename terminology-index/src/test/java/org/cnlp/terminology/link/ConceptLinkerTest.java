package org.cnlp.terminology.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnlp.terminology.dense.DenseIndex;
import org.cnlp.terminology.dense.DenseIndexTest;
import org.cnlp.terminology.dense.DenseIndexWriter;
import org.cnlp.terminology.dense.TrigramEmbedder;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConceptLinkerTest {

    @TempDir
    static Path dir;
    static TerminologyIndex terms;
    static DenseIndex dense;
    static final TrigramEmbedder EMBEDDER = new TrigramEmbedder(128);

    @BeforeAll
    static void build() throws Exception {
        terms = DenseIndexTest.index(dir);
        DenseIndexWriter.write(terms, EMBEDDER, dir.resolve("vectors"), null);
        dense = DenseIndex.open(dir.resolve("vectors"), terms, "cpu");
    }

    @AfterAll
    static void close() throws Exception {
        dense.close();
        terms.close();
    }

    static ConceptLinker linker(LinkingMode mode) {
        return new ConceptLinker(terms, dense, EMBEDDER, LinkerSettings.defaults(mode));
    }

    @Test
    void lexicalKeepsTheSearchOrder() {
        List<LinkCandidate> candidates = linker(LinkingMode.LEXICAL).link("heart attack", c -> true, 3);
        assertEquals("DOID:5844", candidates.getFirst().concept().id());
        assertEquals(1, candidates.getFirst().lexicalRank());
        assertEquals(0, candidates.getFirst().denseRank(), "lexical mode reads no vectors");
    }

    @Test
    void denseFindsSpellingsTheLexicalSearchMisses() {
        String mention = "wiskott aldrich syndrom patients";
        assertTrue(linker(LinkingMode.DENSE).best(mention, c -> true).isPresent());
        assertEquals("DOID:9169", linker(LinkingMode.DENSE).best(mention, c -> true).orElseThrow().concept().id());
        assertEquals("DOID:9169", linker(LinkingMode.HYBRID).best(mention, c -> true).orElseThrow().concept().id());
    }

    @Test
    void hybridFusesBothListsAndReportsTheStrongerScore() {
        LinkCandidate best = linker(LinkingMode.HYBRID).best("high blood pressure", c -> true).orElseThrow();
        assertEquals("DOID:10763", best.concept().id());
        assertEquals(1, best.lexicalRank());
        assertEquals(1, best.denseRank());
        assertTrue(best.cosine() > 0.99);
        assertEquals(Math.max(0.97, best.cosine()), best.score(), 1e-9, "the stronger of the exact-synonym score and the cosine");
        assertEquals(0.97, linker(LinkingMode.LEXICAL).best("high blood pressure", c -> true).orElseThrow().score(), 1e-9,
                "lexical mode keeps the search score");
    }

    @Test
    void candidatesAreFilteredBeforeRanking() {
        LinkCandidate best = linker(LinkingMode.HYBRID)
                .best("tumour of the breast", c -> SemanticGroups.PHENOTYPE.equals(c.semanticGroup())).orElseThrow();
        assertEquals("HP:0002664", best.concept().id());
    }

    @Test
    void documentAbbreviationsAreExpandedFirst() {
        DocumentAbbreviations abbreviations = DocumentAbbreviations.find("Louis-Bar syndrome (LBS) is rare.");
        assertEquals("DOID:12704", linker(LinkingMode.LEXICAL).best(abbreviations, "LBS", c -> true).orElseThrow().concept().id());
    }

    @Test
    void undefinedShortFormsAreReadAsTheKnownNamesTheDocumentWritesOut() {
        ConceptLinker linker = linker(LinkingMode.LEXICAL);
        DocumentAbbreviations abbreviations = linker.abbreviations("Wiskott-Aldrich syndrome: mutations. Patients with WAS differ.");

        assertEquals("Wiskott-Aldrich syndrome", abbreviations.longForms().get("WAS"));
        assertEquals("DOID:9169", linker.best(abbreviations, "WAS", c -> true).orElseThrow().concept().id());
    }

    @Test
    void aCoordinationIsLinkedByItsFirstMemberUnlessTheTerminologyNamesItWhole(@TempDir Path own) throws Exception {
        List<Concept> concepts = List.of(
                DenseIndexTest.disease("DOID:1612", "breast cancer", "malignant neoplasm of breast"),
                DenseIndexTest.disease("DOID:2394", "ovarian cancer", "malignant neoplasm of ovary"),
                new Concept("DOID:5683", "hereditary breast ovarian cancer syndrome",
                        List.of(new Synonym("breast and ovarian cancer", SynonymType.LEARNED)), List.of(),
                        SemanticGroups.DISEASE, Sources.DO),
                DenseIndexTest.disease("DOID:11723", "Duchenne muscular dystrophy", "DMD"),
                DenseIndexTest.disease("DOID:0050564", "HPRT deficiency", "hypoxanthine phosphoribosyltransferase deficiency"));
        TerminologyIndexWriter.build(concepts, own.resolve("terms"), Map.of("DO", "test"));
        try (TerminologyIndex index = TerminologyIndex.open(own.resolve("terms"))) {
            ConceptLinker linker = new ConceptLinker(index, null, null, LinkerSettings.defaults(LinkingMode.LEXICAL));
            DocumentAbbreviations none = DocumentAbbreviations.NONE;

            assertEquals("breast cancer", linker.linkText(none, "breast or ovarian cancer"));
            assertEquals("breast cancers", linker.linkText(none, "breast, ovarian, or other cancers"));
            assertEquals("Duchenne muscular dystrophy", linker.linkText(none, "Duchenne and Becker muscular dystrophy"));
            assertEquals("breast and ovarian cancer", linker.linkText(none, "breast and ovarian cancer"), "a name of its own");
            assertEquals("deafness and blindness", linker.linkText(none, "deafness and blindness"), "no shared head");
            assertEquals("ataxia and muscular dystrophy", linker.linkText(none, "ataxia and muscular dystrophy"),
                    "'ataxia dystrophy' and 'muscular dystrophy' are no names: words, not names, are coordinated");
            assertEquals("breast cancer", linker.linkText(none, "breast OR ovarian cancer"));
            assertEquals("DOID:1612", linker.best(none, "breast or ovarian cancer", c -> true).orElseThrow().concept().id());

            DocumentAbbreviations defined = DocumentAbbreviations.find(
                    "hypoxanthine phosphoribosyltransferase (HPRT) and Duchenne muscular dystrophy (DMD).");
            assertEquals("HPRT deficiency", linker.linkText(defined, "HPRT deficiency"), "known as written: not expanded");
            assertEquals("hypoxanthine phosphoribosyltransferase deficient", linker.linkText(defined, "HPRT deficient"),
                    "unknown as written: expanded");
            assertEquals("Duchenne muscular dystrophy", linker.linkText(defined, "DMD"), "a defined short form is always read out");
        }
    }

    @Test
    void reciprocalRankFusionRanksByBothLists() {
        LinkerSettings rrf = new LinkerSettings(LinkingMode.HYBRID, LinkerSettings.Fusion.RRF, 1, 1, 60, 20, 0);
        LinkCandidate best = new ConceptLinker(terms, dense, EMBEDDER, rrf).best("heart attack", c -> true).orElseThrow();
        assertEquals("DOID:5844", best.concept().id());
    }

    @Test
    void denseModesNeedVectorsOfTheSameModel() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConceptLinker(terms, null, null, LinkerSettings.defaults(LinkingMode.HYBRID)));
        assertThrows(IllegalArgumentException.class,
                () -> new ConceptLinker(terms, dense, new TrigramEmbedder(128, "other"), LinkerSettings.defaults(LinkingMode.DENSE)));
        assertEquals(LinkingMode.HYBRID, LinkingMode.parse(" Hybrid "));
        assertThrows(IllegalArgumentException.class, () -> LinkingMode.parse("fuzzy"));
    }
}
