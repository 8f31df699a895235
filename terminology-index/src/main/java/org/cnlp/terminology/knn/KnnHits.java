package org.cnlp.terminology.knn;

import java.util.Arrays;

/**
 * The nearest vectors of one query, best first: {@code rows[i]} is a row of the searched
 * {@link VectorMatrix} and {@code scores[i]} its dot product with the query. Ordered by score
 * descending, equal scores by row ascending. Equality compares the array contents (scores bit by bit).
 *
 * @param rows   matched rows
 * @param scores their scores, same length as {@code rows}
 */
public record KnnHits(int[] rows, float[] scores) {

    /** Checks that both arrays are present and of the same length. */
    public KnnHits {
        if (rows == null || scores == null || rows.length != scores.length) {
            throw new IllegalArgumentException("rows and scores must be non-null arrays of the same length");
        }
    }

    /** Number of hits. */
    public int size() {
        return rows.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnnHits other && Arrays.equals(rows, other.rows) && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rows) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KnnHits[");
        for (int i = 0; i < rows.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(rows[i]).append('=').append(scores[i]);
        }
        return sb.append(']').toString();
    }
}
