package org.cnlp.terminology.knn;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Test inputs and a naive reference search: score every row, sort everything. */
final class KnnTestData {

    private KnnTestData() {
    }

    /** The naive result: full sort by score descending, then row ascending (no keys, no heaps). */
    static KnnHits[] naive(VectorMatrix m, float[] queries, int numQueries, int k) {
        int dim = m.dim();
        KnnHits[] result = new KnnHits[numQueries];
        for (int q = 0; q < numQueries; q++) {
            float[] scores = new float[m.rows()];
            for (int r = 0; r < m.rows(); r++) {
                float[] v = m.row(r);
                float s = 0f;
                for (int d = 0; d < dim; d++) {
                    s = s + queries[q * dim + d] * v[d];
                }
                scores[r] = s;
            }
            int[] order = IntStream.range(0, m.rows()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(r -> -scores[r]).thenComparingInt(r -> r))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            float[] top = new float[order.length];
            for (int i = 0; i < order.length; i++) {
                top[i] = scores[order[i]];
            }
            result[q] = new KnnHits(order, top);
        }
        return result;
    }

    /** {@code n} rows copied at random from {@code distinct} random unit rows: many exactly tied scores. */
    static VectorMatrix duplicated(int n, int distinct, int dim, long seed) {
        VectorMatrix base = VectorMatrix.random(distinct, dim, seed);
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * dim];
        for (int r = 0; r < n; r++) {
            System.arraycopy(base.data(), random.nextInt(distinct) * dim, data, r * dim, dim);
        }
        return VectorMatrix.of(data, dim);
    }

    /** Random unit queries, every other one replaced by a row of {@code m} (exact ties with its copies). */
    static float[] queries(VectorMatrix m, int numQueries, long seed) {
        float[] queries = VectorMatrix.random(numQueries, m.dim(), seed).data().clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int q = 0; q < numQueries && m.rows() > 0; q += 2) {
            System.arraycopy(m.row(random.nextInt(m.rows())), 0, queries, q * m.dim(), m.dim());
        }
        return queries;
    }
}
