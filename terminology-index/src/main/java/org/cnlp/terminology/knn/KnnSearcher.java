package org.cnlp.terminology.knn;

/**
 * Exact k-nearest-neighbour search by dot product over a fixed {@link VectorMatrix}. Every
 * implementation returns the same rows and bit-identical scores for the same input: score =
 * {@code s = 0; for d: s = s + q[d] * v[d]} in float arithmetic (each product and each sum rounded,
 * no fused multiply-add), ranked by score descending, then row ascending. Open one with
 * {@link KnnDevices#open}. Implementations are thread-safe.
 */
public interface KnnSearcher extends AutoCloseable {

    /** The largest {@code k} that {@link #topK} accepts. */
    int MAX_K = 128;

    /** Where the search runs, e.g. {@code "cpu (4 threads)"} or {@code "cuda:0 NVIDIA H100 80GB HBM3"}. */
    String device();

    /**
     * The {@code k} best rows for each query ({@code min(k, rows)} when the matrix has fewer rows).
     *
     * @param queries    row-major {@code numQueries x dim} values, each query L2-normalised
     * @param numQueries number of queries (0 gives an empty array)
     * @param k          hits per query, 1 to {@link #MAX_K}
     * @return one {@link KnnHits} per query, in query order
     * @throws IllegalArgumentException for {@code k} out of range or a wrong {@code queries} length
     * @throws IllegalStateException    after {@link #close()}, or when the device fails
     */
    KnnHits[] topK(float[] queries, int numQueries, int k);

    /** Releases threads or device memory; idempotent. */
    @Override
    void close();
}
