package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CudaPlanTest {

    @Test
    void defaultBudgetsSearchAMillionRowsInOnePass() {
        CudaPlan plan = CudaPlan.of(1_000_000, 64, 10, CudaPlan.SCORE_BUDGET, CudaPlan.CANDIDATE_BUDGET);
        assertEquals(16, plan.k2());
        assertEquals(64, plan.queryBatch());
        assertEquals(1_000_000, plan.chunkRows());
        assertEquals(489, plan.totalSegments());
    }

    @Test
    void staysWithinBudgetsAndAlignsChunks() {
        for (int rows : new int[] {1, 2047, 2048, 2049, 100_003, 3_000_000}) {
            for (int queries : new int[] {1, 63, 300, 5000}) {
                for (int k : new int[] {1, 3, 10, 100, 128}) {
                    for (long budget : new long[] {1, 1 << 20, CudaPlan.SCORE_BUDGET}) {
                        CudaPlan plan = CudaPlan.of(rows, queries, k, budget, budget / 2);
                        String what = rows + " rows, " + queries + " queries, k " + k + ", budget " + budget + ": " + plan;
                        assertTrue(plan.k2() >= k && plan.k2() < 2 * k && Integer.bitCount(plan.k2()) == 1, what);
                        assertTrue(plan.queryBatch() >= 1 && plan.queryBatch() <= Math.min(queries, 256), what);
                        assertTrue(plan.chunkRows() == rows || plan.chunkRows() % CudaPlan.SEGMENT == 0, what);
                        assertEquals((rows + CudaPlan.SEGMENT - 1) / CudaPlan.SEGMENT, plan.totalSegments(), what);
                        long scoreBytes = (long) plan.queryBatch() * plan.chunkRows() * Float.BYTES;
                        long minimum = (long) plan.queryBatch() * CudaPlan.SEGMENT * Float.BYTES;
                        assertTrue(scoreBytes <= Math.max(budget, minimum), what);
                        if (plan.queryBatch() > 1) {
                            assertTrue((long) plan.queryBatch() * plan.candidateStride() * Long.BYTES <= budget / 2, what);
                        }
                    }
                }
            }
        }
    }
}
