package org.cnlp.terminology.knn;

/** Argument checks shared by the searchers. Not API. */
final class KnnArguments {

    private KnnArguments() {
    }

    /** Validates the arguments of {@link KnnSearcher#topK} for a matrix of {@code dim} values per row. */
    static void check(float[] queries, int numQueries, int k, int dim) {
        if (k < 1 || k > KnnSearcher.MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + KnnSearcher.MAX_K + ": " + k);
        }
        if (numQueries < 0) {
            throw new IllegalArgumentException("numQueries must not be negative: " + numQueries);
        }
        if (queries == null) {
            throw new IllegalArgumentException("queries is null");
        }
        if (queries.length != (long) numQueries * dim) {
            throw new IllegalArgumentException("queries has " + queries.length + " values, expected numQueries x dim = "
                    + numQueries + " x " + dim + " = " + (long) numQueries * dim);
        }
    }

    /** Hits for a query whose result keys are {@code keys[from..from+count)}, best first. */
    static KnnHits hits(long[] keys, int from, int count) {
        int[] rows = new int[count];
        float[] scores = new float[count];
        for (int i = 0; i < count; i++) {
            long key = keys[from + i];
            if (key == KnnKeys.NONE) {
                throw new IllegalStateException("missing result " + i + " of " + count);
            }
            rows[i] = KnnKeys.row(key);
            scores[i] = KnnKeys.score(key);
        }
        return new KnnHits(rows, scores);
    }
}
