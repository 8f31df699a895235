package org.cnlp.terminology.dense;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.io.Folders;
import org.cnlp.terminology.model.SynonymType;

/**
 * Embeds every name of a terminology index (preferred terms and synonyms; generated plurals are
 * left out) and writes the vectors as a Lucene index: one document per (concept, name) with the
 * concept id, the name and a {@link KnnFloatVectorField} (dot product over unit vectors, HNSW
 * graph), force-merged to one segment. The folder is staged beside its target and moved into
 * place only when complete, so a crash never leaves half an index under the real name.
 */
public final class DenseIndexWriter {

    /** Listens to the embedding progress. */
    @FunctionalInterface
    public interface Progress {
        void update(int embedded, int total);
    }

    static final String FIELD_CONCEPT = "concept";
    static final String FIELD_NAME = "name";
    static final String FIELD_VECTOR = "vector";

    private static final int CHUNK = 256;

    private DenseIndexWriter() {}

    /** A name to embed. */
    record Name(String conceptId, String text) {}

    /**
     * Embeds the names of {@code index} into {@code target}, replacing what is there.
     *
     * @return the metadata written
     */
    public static DenseMetadata write(TerminologyIndex index, TextEmbedder embedder, Path target, Progress progress)
            throws IOException {
        Objects.requireNonNull(embedder, "embedder");
        List<Name> names = names(index);
        Set<String> concepts = new HashSet<>();
        names.forEach(name -> concepts.add(name.conceptId()));
        Path staging = Folders.staging(target);
        try {
            try (FSDirectory directory = FSDirectory.open(staging);
                    IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(64))) {
                for (int start = 0; start < names.size(); start += CHUNK) {
                    List<Name> chunk = names.subList(start, Math.min(names.size(), start + CHUNK));
                    float[][] vectors = embedder.embed(chunk.stream().map(Name::text).toList());
                    if (vectors.length != chunk.size()) {
                        throw new IllegalStateException("the embedder returned " + vectors.length + " vectors for "
                                + chunk.size() + " names");
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        writer.addDocument(document(chunk.get(i), vectors[i], embedder.dimension()));
                    }
                    if (progress != null) {
                        progress.update(start + chunk.size(), names.size());
                    }
                }
                writer.forceMerge(1);
                writer.commit();
            }
            DenseMetadata metadata = new DenseMetadata(embedder.modelId(), embedder.dimension(), names.size(),
                    concepts.size(), index.metadata().builtAt(), Instant.now());
            metadata.write(staging);
            Folders.replace(staging, target);
            return metadata;
        } finally {
            Folders.deleteTree(staging);
        }
    }

    /** The distinct (concept, normalised name) pairs of the index, generated plurals left out, in index order. */
    static List<Name> names(TerminologyIndex index) {
        List<Name> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        index.forEachName(entry -> {
            if (entry.type() != SynonymType.PLURAL && seen.add(entry.concept().id() + '\u0000' + entry.normalizedName())) {
                names.add(new Name(entry.concept().id(), entry.name()));
            }
        });
        return names;
    }

    private static Document document(Name name, float[] vector, int dimension) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalStateException("the embedder returned a vector of length "
                    + (vector == null ? 0 : vector.length) + ", expected " + dimension);
        }
        Document document = new Document();
        document.add(new StringField(FIELD_CONCEPT, name.conceptId(), Field.Store.YES));
        document.add(new StoredField(FIELD_NAME, name.text()));
        document.add(new KnnFloatVectorField(FIELD_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }
}
