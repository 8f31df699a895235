package org.cnlp.terminology.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.index.TerminologyIndexException;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DenseIndexTest {

    public static final List<Concept> CONCEPTS = List.of(
            disease("DOID:1612", "breast cancer", "malignant neoplasm of breast"),
            disease("DOID:5844", "myocardial infarction", "heart attack"),
            disease("DOID:10763", "hypertension", "high blood pressure"),
            disease("DOID:9169", "Wiskott-Aldrich syndrome", "eczema-thrombocytopenia-immunodeficiency syndrome"),
            disease("DOID:12704", "ataxia telangiectasia", "Louis-Bar syndrome"),
            new Concept("HP:0002664", "Neoplasm", List.of(new Synonym("tumour", SynonymType.LEARNED)), List.of(),
                    SemanticGroups.PHENOTYPE, Sources.HPO));

    @TempDir
    Path dir;

    public static Concept disease(String id, String name, String synonym) {
        return new Concept(id, name, List.of(new Synonym(synonym, SynonymType.EXACT)), List.of(), SemanticGroups.DISEASE,
                Sources.DO);
    }

    public static TerminologyIndex index(Path dir) throws IOException {
        TerminologyIndexWriter.build(CONCEPTS, dir.resolve("terms"), Map.of("DO", "test"));
        return TerminologyIndex.open(dir.resolve("terms"));
    }

    @Test
    void embedsEveryNameAndFindsTheNearestConcepts() throws IOException {
        try (TerminologyIndex terms = index(dir)) {
            List<Integer> progress = new ArrayList<>();
            DenseMetadata written = DenseIndexWriter.write(terms, new TrigramEmbedder(64), dir.resolve("vectors"),
                    (done, total) -> progress.add(done));

            assertEquals(12, written.vectors(), "two names per concept, learnt names included, no plurals");
            assertEquals(6, written.concepts());
            assertEquals(12, progress.getLast());
            try (DenseIndex dense = DenseIndex.open(dir.resolve("vectors"), terms, "cpu")) {
                TrigramEmbedder embedder = new TrigramEmbedder(64);
                List<DenseIndex.Hit> hits = dense.search(embedder.embed(List.of("breast cancers"))[0], 3);
                assertEquals("DOID:1612", hits.getFirst().conceptId());
                assertEquals(3, hits.size());
                assertEquals(hits.stream().map(DenseIndex.Hit::conceptId).distinct().count(), 3, "one hit per concept");
                assertTrue(hits.get(0).score() >= hits.get(1).score());

                List<List<DenseIndex.Hit>> exact = dense.searchExact(List.of(embedder.embed(List.of("breast cancers"))[0],
                        embedder.embed(List.of("tumours"))[0]), 3);
                assertEquals(hits.stream().map(DenseIndex.Hit::conceptId).toList(),
                        exact.get(0).stream().map(DenseIndex.Hit::conceptId).toList(), "exact and HNSW agree on a small index");
                for (int i = 0; i < hits.size(); i++) {
                    assertEquals(exact.get(0).get(i).score(), hits.get(i).score(), 1e-6, "Lucene's score mapped back to a cosine");
                }
                assertEquals("HP:0002664", exact.get(1).getFirst().conceptId());
                assertTrue(dense.exactDevice().startsWith("cpu"), dense.exactDevice());
                assertThrows(IllegalArgumentException.class, () -> dense.search(new float[3], 1));
                float[] query = embedder.embed(List.of("heart attack"))[0];
                dense.close();
                assertThrows(IllegalStateException.class, () -> dense.search(query, 1), "a closed index refuses searches");
                assertThrows(IllegalStateException.class, () -> dense.searchExact(List.of(query), 1));
                dense.close();
            }
        }
    }

    @Test
    void aConceptWithManyCloseNamesDoesNotCrowdOutTheOthers() throws IOException {
        List<Synonym> variants = new ArrayList<>();
        for (char c = 'a'; c <= 'p'; c++) {
            variants.add(new Synonym("breast cancer " + c, SynonymType.EXACT));
        }
        List<Concept> concepts = new ArrayList<>(CONCEPTS);
        concepts.add(new Concept("DOID:0001", "breast carcinoma", variants, List.of(), SemanticGroups.DISEASE, Sources.DO));
        TerminologyIndexWriter.build(concepts, dir.resolve("crowded"), Map.of("DO", "test"));
        try (TerminologyIndex terms = TerminologyIndex.open(dir.resolve("crowded"))) {
            DenseIndexWriter.write(terms, new TrigramEmbedder(64), dir.resolve("crowded-vectors"), (done, total) -> { });
            try (DenseIndex dense = DenseIndex.open(dir.resolve("crowded-vectors"), terms, "cpu")) {
                List<DenseIndex.Hit> hits = dense.search(new TrigramEmbedder(64).embed(List.of("breast cancer"))[0], 3);
                assertEquals(3, hits.size(), "three concepts, although the 17 names of one come first: " + hits);
                assertEquals(3, hits.stream().map(DenseIndex.Hit::conceptId).distinct().count());
            }
        }
    }

    @Test
    void refusesMissingStaleAndDamagedVectors() throws IOException {
        try (TerminologyIndex terms = index(dir)) {
            TerminologyIndexException missing = assertThrows(TerminologyIndexException.class,
                    () -> DenseIndex.open(dir.resolve("nothing"), terms, "cpu"));
            assertTrue(missing.getMessage().contains("cnlp terminology embed"), missing.getMessage());

            TrigramEmbedder embedder = new TrigramEmbedder(32);
            DenseIndexWriter.write(terms, embedder, dir.resolve("vectors"), null);
            assertEquals(null, DenseIndexes.whyRebuild(dir.resolve("vectors"), terms, embedder));
            assertNotNull(DenseIndexes.whyRebuild(dir.resolve("vectors"), terms, new TrigramEmbedder(32, "other")));

            Path metadata = dir.resolve("vectors").resolve(DenseMetadata.FILE_NAME);
            Files.writeString(metadata, Files.readString(metadata).replaceAll("vectors=\\d+", "vectors=99"));
            TerminologyIndexException damaged = assertThrows(TerminologyIndexException.class,
                    () -> DenseIndex.open(dir.resolve("vectors"), terms, "cpu"));
            assertTrue(damaged.getMessage().contains("99"), damaged.getMessage());
        }
        Path vectors = dir.resolve("vectors");
        // A rebuilt terminology makes the vectors stale.
        TerminologyIndexWriter.build(CONCEPTS, dir.resolve("terms2"), Map.of("DO", "test"));
        try (TerminologyIndex rebuilt = TerminologyIndex.open(dir.resolve("terms2"))) {
            assertEquals("the terminology index was rebuilt", DenseIndexes.whyRebuild(vectors, rebuilt, new TrigramEmbedder(32)));
        }
    }

    @Test
    void aFailedEmbeddingLeavesThePreviousVectorsInPlace() throws IOException {
        try (TerminologyIndex terms = index(dir)) {
            Path vectors = dir.resolve("vectors");
            DenseIndexWriter.write(terms, new TrigramEmbedder(16), vectors, null);
            TextEmbedder broken = new TrigramEmbedder(16, "broken") {
                @Override
                public float[][] embed(List<String> texts) {
                    throw new IllegalStateException("model failed");
                }
            };
            assertThrows(IllegalStateException.class, () -> DenseIndexWriter.write(terms, broken, vectors, null));

            try (DenseIndex dense = DenseIndex.open(vectors, terms, "cpu")) {
                assertEquals("trigram-16", dense.metadata().modelId());
            }
            try (var siblings = Files.list(dir)) {
                assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().contains(".tmp-")).toList());
            }
        }
    }
}
