package org.cnlp.terminology.knn;

/**
 * How {@link CudaKnnSearcher} splits one {@code topK} call into kernel launches; the constants match
 * {@code src/main/cuda/knn.cu}. Queries go in batches of {@code queryBatch}; rows in chunks of
 * {@code chunkRows} (a multiple of {@link #SEGMENT} unless it is all rows), so that the score buffer
 * ({@code queryBatch x chunkRows} floats) and the candidate buffer ({@code queryBatch x candidateStride}
 * keys) stay within their budgets. Not API.
 *
 * @param k2              {@code k} rounded up to a power of two: keys kept per segment
 * @param queryBatch      queries per device pass, 1 to {@link #MAX_QUERY_BATCH}
 * @param chunkRows       rows scored per {@code knn_scores} launch
 * @param totalSegments   selection segments over all rows, {@code ceil(rows / SEGMENT)}
 */
record CudaPlan(int k2, int queryBatch, int chunkRows, int totalSegments) {

    /** Threads per block of every kernel ({@code KNN_THREADS}). */
    static final int THREADS = 256;
    /** Rows and queries per score tile ({@code KNN_TILE}). */
    static final int TILE = 64;
    /** Keys per selection block ({@code KNN_SEG}). */
    static final int SEGMENT = 2048;
    /** Most queries per device pass (the selection grid's y dimension). */
    static final int MAX_QUERY_BATCH = 256;
    /** Default budget for the score buffer. */
    static final long SCORE_BUDGET = 256L << 20;
    /** Default budget for the first-level candidate buffer. */
    static final long CANDIDATE_BUDGET = 128L << 20;

    /** The plan for {@code rows >= 1} rows, {@code numQueries >= 1} queries and {@code k} in 1..128. */
    static CudaPlan of(int rows, int numQueries, int k, long scoreBudget, long candidateBudget) {
        if (rows < 1 || numQueries < 1 || k < 1 || k > KnnSearcher.MAX_K) {
            throw new IllegalArgumentException("rows " + rows + ", queries " + numQueries + ", k " + k);
        }
        int k2 = Integer.highestOneBit(k) == k ? k : Integer.highestOneBit(k) << 1;
        int totalSegments = ceilDiv(rows, SEGMENT);
        long perQuery = (long) totalSegments * k2 * Long.BYTES;
        int queryBatch = (int) Math.max(1, Math.min(Math.min(MAX_QUERY_BATCH, numQueries), candidateBudget / perQuery));
        long chunk = Math.max(SEGMENT, scoreBudget / ((long) queryBatch * Float.BYTES) / SEGMENT * SEGMENT);
        int chunkRows = (int) Math.min(rows, chunk);
        return new CudaPlan(k2, queryBatch, chunkRows, totalSegments);
    }

    /** Keys per query in the candidate buffer. */
    int candidateStride() {
        return totalSegments * k2;
    }

    /** Keys per query in the second buffer, used when more than one selection pass is needed. */
    int secondStride() {
        return ceilDiv(candidateStride(), SEGMENT) * k2;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
