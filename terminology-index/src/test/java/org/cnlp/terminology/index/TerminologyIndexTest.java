package org.cnlp.terminology.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyIndexTest {

    private static final List<Concept> CONCEPTS = List.of(
            disease("DOID:5844", "myocardial infarction", List.of(exact("heart attack"), abbreviation("MI")),
                    List.of("MESH:D009203")),
            phenotype("HP:0001658", "Myocardial infarction", List.of(exact("Heart attack"))),
            disease("DOID:1612", "breast cancer", List.of(exact("malignant neoplasm of breast")), List.of()),
            phenotype("HP:0003002", "Breast carcinoma", List.of(exact("Breast cancer"))),
            disease("DOID:10763", "hypertension", List.of(exact("high blood pressure"), abbreviation("HTN")),
                    List.of("MESH:D006973", "UMLS:C0020538")),
            disease("DOID:2696", "Leydig cell tumor", List.of(), List.of()),
            disease("DOID:9352", "type 2 diabetes mellitus", List.of(abbreviation("T2DM"),
                    new Synonym("maturity onset diabetes", SynonymType.RELATED)), List.of("MESH:D003924")),
            disease("DOID:162", "cancer", List.of(), List.of()),
            disease("DOID:0002", "ambiguous term", List.of(), List.of()),
            disease("DOID:0001", "ambiguous term", List.of(), List.of()),
            new Concept("MESH:D009270", "naloxone", List.of(abbreviation("NLX")), List.of("MESH:D009270"),
                    SemanticGroups.CHEMICAL, Sources.BC5CDR));

    @TempDir
    static Path dir;
    private static TerminologyIndex index;

    @BeforeAll
    static void buildIndex() throws IOException {
        IndexMetadata written = TerminologyIndexWriter.build(CONCEPTS, dir.resolve("index"), Map.of("DO", "test"));
        assertEquals(CONCEPTS.size(), written.concepts());
        index = TerminologyIndex.open(dir.resolve("index"));
    }

    @AfterAll
    static void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void exactLookupScoresPreferredTermsAboveSynonyms() {
        assertEquals(List.of(new ConceptMatch(CONCEPTS.get(2), 1.0, MatchType.EXACT, "breast cancer"),
                new ConceptMatch(CONCEPTS.get(3), TerminologyIndex.SCORE_SYNONYM, MatchType.EXACT, "Breast cancer")),
                index.exact("Breast  Cancer"));
        assertEquals(List.of(new ConceptMatch(CONCEPTS.get(4), TerminologyIndex.SCORE_SYNONYM, MatchType.EXACT,
                "high blood pressure")), index.exact("high blood-pressure"));
        assertEquals(List.of(), index.exact("breast"));
        assertEquals(List.of(), index.exact("  "));
    }

    @Test
    void abbreviationsScoreHighestWhenWrittenAsInTheTerminology() {
        assertEquals(List.of(new ConceptMatch(CONCEPTS.get(6), TerminologyIndex.SCORE_ABBREVIATION,
                MatchType.ABBREVIATION, "T2DM")), index.exact("T2DM"));
        assertEquals(TerminologyIndex.SCORE_ABBREVIATION_ANY_CASE, index.exact("t2dm").get(0).score());
        ConceptMatch plural = index.search("MIs", 5).get(0);
        assertEquals("DOID:5844", plural.concept().id());
        assertEquals(MatchType.ABBREVIATION, plural.matchType());
    }

    @Test
    void searchRanksDiseaseOntologyFirstOnTies() {
        List<ConceptMatch> matches = index.search("heart attack", 5);

        assertEquals(List.of("DOID:5844", "HP:0001658"), ids(matches));
        assertEquals(matches.get(0).score(), matches.get(1).score());
        assertEquals(List.of("DOID:5844", "HP:0001658"), ids(index.search("myocardial infarction", 5)));
    }

    @Test
    void searchBreaksRemainingTiesById() {
        assertEquals(List.of("DOID:0001", "DOID:0002"), ids(index.search("ambiguous term", 5)));
    }

    @Test
    void searchFindsPluralsByStem() {
        ConceptMatch top = index.search("Leydig cell tumors", 5).get(0);

        assertEquals("DOID:2696", top.concept().id());
        assertEquals(MatchType.STEM, top.matchType());
        assertEquals(TerminologyIndex.WEIGHT_STEM, top.score(), 1e-9);
    }

    @Test
    void searchFindsReorderedWordsByToken() {
        ConceptMatch top = index.search("cancer of the breast", 5).get(0);

        assertEquals("DOID:1612", top.concept().id());
        assertEquals(MatchType.TOKEN, top.matchType());
        assertEquals(TerminologyIndex.WEIGHT_TOKEN, top.score(), 1e-9);
    }

    @Test
    void searchCorrectsMisspellingsByFuzzyMatching() {
        ConceptMatch breast = index.search("brest cancer", 5).get(0);
        assertEquals("DOID:1612", breast.concept().id());
        assertEquals(MatchType.FUZZY, breast.matchType());

        ConceptMatch hypertension = index.search("hypertenshun", 5).get(0);
        assertEquals("DOID:10763", hypertension.concept().id(), "two edits on a long word");
        assertEquals(MatchType.FUZZY, hypertension.matchType());
    }

    @Test
    void fuzzyMatchingOnlyRunsWhenNothingMatchedWell() {
        List<ConceptMatch> matches = index.search("breast cancer", 10);

        assertEquals(List.of("DOID:1612", "HP:0003002"), ids(matches.subList(0, 2)));
        assertTrue(matches.stream().noneMatch(match -> match.matchType() == MatchType.FUZZY), matches::toString);
    }

    @Test
    void searchReturnsAtMostTopKScoresInOrder() {
        List<ConceptMatch> matches = index.search("cancer", 2);

        assertEquals(2, matches.size());
        assertEquals("DOID:162", matches.get(0).concept().id());
        assertTrue(matches.get(0).score() >= matches.get(1).score());
        for (String query : List.of("cancer", "breast", "type 2 diabetes", "diabetes", "heart", "naloxon")) {
            List<ConceptMatch> all = index.search(query, 20);
            for (int i = 0; i < all.size(); i++) {
                double score = all.get(i).score();
                assertTrue(score >= TerminologyIndex.MIN_SCORE && score <= 1, all.toString());
                assertTrue(i == 0 || all.get(i - 1).score() >= score, all.toString());
            }
        }
        assertEquals(List.of(), index.search(" - ", 5));
        assertThrows(IllegalArgumentException.class, () -> index.search("cancer", 0));
    }

    @Test
    void looksUpConceptsByIdAndXref() {
        assertEquals(Optional.of(CONCEPTS.get(4)), index.concept("DOID:10763"));
        assertEquals(Optional.empty(), index.concept("DOID:404"));
        assertEquals(List.of(CONCEPTS.get(4)), index.conceptsByXref("MSH:D006973"));
        assertEquals(List.of(CONCEPTS.get(4)), index.conceptsByXref("UMLS_CUI:C0020538"));
        assertEquals(List.of(), index.conceptsByXref("MESH:D000001"));
        assertEquals(CONCEPTS.size(), index.size());
    }

    @Test
    void streamsEveryNameWithPlurals() {
        List<NameEntry> names = new ArrayList<>();
        index.forEachName(names::add);

        assertTrue(names.contains(new NameEntry(CONCEPTS.get(0), "myocardial infarction", "myocardial infarction",
                SynonymType.EXACT, true)));
        assertTrue(names.contains(new NameEntry(CONCEPTS.get(0), "MI", "mi", SynonymType.ABBREVIATION, false)));
        assertTrue(names.contains(new NameEntry(CONCEPTS.get(5), "Leydig cell tumors", "leydig cell tumors",
                SynonymType.PLURAL, false)));
        assertTrue(names.contains(new NameEntry(CONCEPTS.get(2), "breast cancers", "breast cancers",
                SynonymType.PLURAL, false)));
        assertFalse(names.stream().anyMatch(name -> name.name().equals("MIs")), "abbreviations get no plural");
        for (NameEntry name : names) {
            assertEquals(TermNormalizer.normalize(name.name()), name.normalizedName());
        }
    }

    @Test
    void metadataDescribesTheIndex() {
        IndexMetadata metadata = index.metadata();

        assertEquals(IndexMetadata.FORMAT_VERSION, metadata.formatVersion());
        assertEquals(CONCEPTS.size(), metadata.concepts());
        assertEquals(Map.of("DO", 8, "HPO", 2, "BC5CDR", 1), metadata.conceptsBySource());
        assertEquals(Map.of("DO", "test"), metadata.provenance());
        assertTrue(metadata.names() >= CONCEPTS.size());
    }

    @Test
    void concurrentSearchesGiveTheSameResults() throws Exception {
        List<String> queries = List.of("heart attack", "brest cancer", "T2DM", "Leydig cell tumors", "hypertenson");
        List<List<ConceptMatch>> expected = new ArrayList<>();
        for (String query : queries) {
            expected.add(index.search(query, 5));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < queries.size(); i++) {
                            if (!index.search(queries.get(i), 5).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertTrue(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void benchmarkHelperMeasuresBothMethods() {
        List<String> queries = LookupBenchmark.sampleQueries(index, 50, 7);

        assertEquals(queries, LookupBenchmark.sampleQueries(index, 50, 7));
        LookupBenchmark.Result result = LookupBenchmark.run(index, queries, Duration.ofMillis(20));
        assertTrue(result.exactPerSecond() > 0 && result.searchPerSecond() > 0, result.toString());
        assertTrue(result.searchHitRate() > 0.5, result.toString());
    }

    @Test
    void openExplainsMissingAndIncompatibleIndexes(@TempDir Path other) throws IOException {
        TerminologyIndexException missing = assertThrows(TerminologyIndexException.class,
                () -> TerminologyIndex.open(other.resolve("nothing")));
        assertTrue(missing.getMessage().contains("cnlp terminology build"), missing.getMessage());

        TerminologyIndexException unfinished = assertThrows(TerminologyIndexException.class,
                () -> TerminologyIndex.open(other));
        assertTrue(unfinished.getMessage().contains(IndexMetadata.FILE_NAME), unfinished.getMessage());

        Path old = other.resolve("old");
        TerminologyIndexWriter.build(CONCEPTS.subList(0, 2), old);
        Path metadataFile = old.resolve(IndexMetadata.FILE_NAME);
        Files.writeString(metadataFile, Files.readString(metadataFile).replace("format.version=1", "format.version=99"));
        TerminologyIndexException incompatible = assertThrows(TerminologyIndexException.class,
                () -> TerminologyIndex.open(old));
        assertTrue(incompatible.getMessage().contains("format version 99"), incompatible.getMessage());
    }

    @Test
    void writerRejectsDuplicateIds(@TempDir Path other) {
        assertThrows(IllegalArgumentException.class,
                () -> TerminologyIndexWriter.build(List.of(CONCEPTS.get(0), CONCEPTS.get(0)), other));
    }

    private static List<String> ids(List<ConceptMatch> matches) {
        return matches.stream().map(match -> match.concept().id()).toList();
    }

    private static Synonym exact(String text) {
        return new Synonym(text, SynonymType.EXACT);
    }

    private static Synonym abbreviation(String text) {
        return new Synonym(text, SynonymType.ABBREVIATION);
    }

    private static Concept disease(String id, String name, List<Synonym> synonyms, List<String> xrefs) {
        return new Concept(id, name, synonyms, xrefs, SemanticGroups.DISEASE, Sources.DO);
    }

    private static Concept phenotype(String id, String name, List<Synonym> synonyms) {
        return new Concept(id, name, synonyms, List.of(), SemanticGroups.PHENOTYPE, Sources.HPO);
    }
}
