package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnnKeysTest {

    @Test
    void higherScoreThenLowerRowRanksFirst() {
        float[] scores = {-1f, -0.5f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 1e-30f, 0.25f, 0.9999999f, 1f, 1.0000001f};
        for (int i = 1; i < scores.length; i++) {
            assertTrue(KnnKeys.pack(scores[i], 1_000_000) > KnnKeys.pack(scores[i - 1], 0), "score " + scores[i]);
        }
        assertTrue(KnnKeys.pack(0.5f, 3) > KnnKeys.pack(0.5f, 4));
        assertTrue(KnnKeys.pack(0.5f, 0) > KnnKeys.pack(0.5f, Integer.MAX_VALUE));
        assertTrue(KnnKeys.pack(Float.NaN, 0) < KnnKeys.pack(Float.NEGATIVE_INFINITY, Integer.MAX_VALUE));
        assertTrue(KnnKeys.pack(Float.NaN, Integer.MAX_VALUE) > KnnKeys.NONE);
    }

    @Test
    void decodesRowAndExactScoreBits() {
        for (float score : new float[] {0.123456789f, -0.75f, 0f, -0f, Float.MIN_VALUE, -1f, Float.MAX_VALUE}) {
            for (int row : new int[] {0, 1, 12_345, Integer.MAX_VALUE}) {
                long key = KnnKeys.pack(score, row);
                assertEquals(row, KnnKeys.row(key));
                assertEquals(Float.floatToRawIntBits(score), Float.floatToRawIntBits(KnnKeys.score(key)));
            }
        }
        assertTrue(Float.isNaN(KnnKeys.score(KnnKeys.pack(Float.NaN, 5))));
    }
}
