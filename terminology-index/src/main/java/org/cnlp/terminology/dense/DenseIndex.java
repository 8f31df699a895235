package org.cnlp.terminology.dense;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.index.TerminologyIndexException;
import org.cnlp.terminology.knn.KnnDevices;
import org.cnlp.terminology.knn.KnnHits;
import org.cnlp.terminology.knn.KnnSearcher;
import org.cnlp.terminology.knn.VectorMatrix;

/**
 * The concept-name vectors {@link DenseIndexWriter} wrote, searched two ways: approximately
 * through Lucene's HNSW graph ({@link #search}), or exactly by brute force over all vectors on the
 * CPU or a CUDA GPU ({@link #searchExact}, for batch linking and large candidate sets). Both
 * return the best-scoring name of each concept, concepts best first, score = cosine similarity.
 * Thread-safe; the exact searcher is created on first use.
 */
public final class DenseIndex implements Closeable {

    /**
     * A concept found by similarity.
     *
     * @param conceptId the concept
     * @param name      its name closest to the query
     * @param score     the cosine similarity of that name and the query
     */
    public record Hit(String conceptId, String name, float score) {}

    /** Names read per concept asked for, since several names of one concept may come first. */
    private static final int NAMES_PER_CONCEPT = 3;
    /** The most names one HNSW search reads while looking for enough distinct concepts. */
    private static final int MAX_NAMES_READ = 4096;

    private final Path dir;
    private final DenseMetadata metadata;
    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final String deviceSetting;
    private String[] rowConcepts;
    private String[] rowNames;
    private KnnSearcher exact;
    /** Searches hold the read lock, {@link #close} the write lock: closing waits for searches in flight. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;

    private DenseIndex(Path dir, DenseMetadata metadata, FSDirectory directory, DirectoryReader reader, String deviceSetting) {
        this.dir = dir;
        this.metadata = metadata;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.deviceSetting = deviceSetting;
    }

    /**
     * Opens the vectors in {@code dir}, which must have been built from {@code terminology}.
     *
     * @param deviceSetting where exact search runs: {@code auto}, {@code cpu}, {@code cuda[:N]}
     * @throws TerminologyIndexException when the folder is missing, damaged, or stale
     */
    public static DenseIndex open(Path dir, TerminologyIndex terminology, String deviceSetting) throws IOException {
        KnnDevices.DeviceSetting.parse(deviceSetting);
        if (!Files.isDirectory(dir)) {
            throw new TerminologyIndexException("No concept vectors at " + dir + ". Build them with 'cnlp terminology embed'.");
        }
        DenseMetadata metadata = DenseMetadata.read(dir);
        if (!metadata.terminologyBuilt().equals(terminology.metadata().builtAt())) {
            throw new TerminologyIndexException("The concept vectors in " + dir + " were built from the terminology index of "
                    + metadata.terminologyBuilt() + ", but the index was rebuilt at " + terminology.metadata().builtAt()
                    + ". Rebuild them with 'cnlp terminology embed'.");
        }
        FSDirectory directory = FSDirectory.open(dir);
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            if (reader.numDocs() != metadata.vectors()) {
                reader.close();
                throw new TerminologyIndexException("The concept vectors in " + dir + " hold " + reader.numDocs()
                        + " names, their metadata says " + metadata.vectors() + ". Rebuild them with 'cnlp terminology embed'.");
            }
            return new DenseIndex(dir, metadata, directory, reader, deviceSetting);
        } catch (IOException | RuntimeException e) {
            directory.close();
            if (e instanceof TerminologyIndexException t) {
                throw t;
            }
            throw new TerminologyIndexException("Cannot read the concept vectors in " + dir + " (" + e.getMessage()
                    + "). Rebuild them with 'cnlp terminology embed'.", e);
        }
    }

    /** What the folder holds. */
    public DenseMetadata metadata() {
        return metadata;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The exact searcher's device, once it has been created; "not started" before. */
    public synchronized String exactDevice() {
        return exact == null ? "not started" : exact.device();
    }

    /**
     * The {@code topConcepts} concepts whose names are nearest to {@code query} by Lucene's HNSW
     * search (approximate).
     */
    public List<Hit> search(float[] query, int topConcepts) {
        checkQuery(query);
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return searchOpen(query, topConcepts);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<Hit> searchOpen(float[] query, int topConcepts) {
        int names = Math.max(1, topConcepts) * NAMES_PER_CONCEPT;
        try {
            while (true) {
                TopDocs top = searcher.search(new KnnFloatVectorQuery(DenseIndexWriter.FIELD_VECTOR, query, names), names);
                StoredFields stored = searcher.storedFields();
                Map<String, Hit> best = new LinkedHashMap<>();
                for (ScoreDoc doc : top.scoreDocs) {
                    var document = stored.document(doc.doc);
                    String concept = document.get(DenseIndexWriter.FIELD_CONCEPT);
                    // Lucene maps a dot product d to (1 + d) / 2.
                    best.putIfAbsent(concept, new Hit(concept, document.get(DenseIndexWriter.FIELD_NAME), 2 * doc.score - 1));
                }
                // Concepts with many close names can crowd the others out: read further until enough
                // concepts came back (or all the index has), the index has no more names, or the bound is reached.
                if (best.size() >= Math.min(topConcepts, metadata.concepts()) || top.scoreDocs.length < names
                        || names >= MAX_NAMES_READ) {
                    return best.values().stream().limit(topConcepts).toList();
                }
                names = Math.min(MAX_NAMES_READ, names * 4);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading the concept vectors in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code topConcepts} nearest concepts of each query by exact brute-force search
     * (ties: lower row first), on the device this index was opened for.
     */
    public List<List<Hit>> searchExact(List<float[]> queries, int topConcepts) {
        if (queries.isEmpty()) {
            return List.of();
        }
        float[] packed = new float[queries.size() * metadata.dimension()];
        for (int q = 0; q < queries.size(); q++) {
            checkQuery(queries.get(q));
            System.arraycopy(queries.get(q), 0, packed, q * metadata.dimension(), metadata.dimension());
        }
        int names = Math.min(128, Math.max(1, topConcepts) * NAMES_PER_CONCEPT);
        KnnHits[] hits;
        lifecycle.readLock().lock();
        try {
            checkOpen();
            hits = exactSearcher().topK(packed, queries.size(), names);
        } finally {
            lifecycle.readLock().unlock();
        }
        List<List<Hit>> results = new ArrayList<>(hits.length);
        for (KnnHits queryHits : hits) {
            Map<String, Hit> best = new LinkedHashMap<>();
            for (int i = 0; i < queryHits.rows().length; i++) {
                int row = queryHits.rows()[i];
                best.putIfAbsent(rowConcepts[row], new Hit(rowConcepts[row], rowNames[row], queryHits.scores()[i]));
            }
            results.add(best.values().stream().limit(topConcepts).toList());
        }
        return results;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the concept vectors in " + dir + " are closed");
        }
    }

    private void checkQuery(float[] query) {
        Objects.requireNonNull(query, "query");
        if (query.length != metadata.dimension()) {
            throw new IllegalArgumentException("query vector of length " + query.length + ", the index holds vectors of "
                    + metadata.dimension() + " (" + metadata.modelId() + ")");
        }
    }

    private synchronized KnnSearcher exactSearcher() {
        if (exact == null) {
            exact = KnnDevices.open(loadMatrix(), deviceSetting);
        }
        return exact;
    }

    /** Reads every vector, in row order, with its concept id and name. */
    private VectorMatrix loadMatrix() {
        int dimension = metadata.dimension();
        int total = reader.numDocs();
        long size = (long) total * dimension;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(total + " vectors of " + dimension + " floats do not fit one array for exact search;"
                    + " use the HNSW search, or fewer names");
        }
        float[] data = new float[(int) size];
        String[] concepts = new String[total];
        String[] names = new String[total];
        int row = 0;
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(DenseIndexWriter.FIELD_VECTOR);
                if (values == null) {
                    continue;
                }
                StoredFields stored = leaf.reader().storedFields();
                for (int ord = 0; ord < values.size(); ord++) {
                    System.arraycopy(values.vectorValue(ord), 0, data, row * dimension, dimension);
                    var document = stored.document(values.ordToDoc(ord));
                    concepts[row] = document.get(DenseIndexWriter.FIELD_CONCEPT);
                    names[row] = document.get(DenseIndexWriter.FIELD_NAME);
                    row++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading the concept vectors in " + dir + " failed: " + e.getMessage(), e);
        }
        if (row != total) {
            throw new IllegalStateException("the concept vectors in " + dir + " hold " + row + " vectors for " + total
                    + " names; rebuild them with 'cnlp terminology embed'");
        }
        rowConcepts = concepts;
        rowNames = names;
        return VectorMatrix.of(data, dimension);
    }

    @Override
    public void close() throws IOException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (this) {
                if (exact != null) {
                    exact.close();
                    exact = null;
                }
            }
            try {
                reader.close();
            } finally {
                directory.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
