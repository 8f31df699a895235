package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GPU against CPU: runs only where {@link CudaProbe} finds a usable GPU, skipped with the reason elsewhere. */
class CudaKnnSearcherTest {

    private static CudaProbe.Availability availability;

    @BeforeAll
    static void probe() {
        availability = CudaProbe.probe(0);
    }

    private static void assumeGpu() {
        Assumptions.assumeTrue(availability.available(), "no GPU: " + availability.reason());
    }

    @Test
    void sameRowsAndBitIdenticalScoresAsTheCpu() {
        assumeGpu();
        check(VectorMatrix.random(4_099, 37, 1), VectorMatrix.random(100, 37, 2).data(), 100, CudaPlan.SCORE_BUDGET,
                CudaPlan.CANDIDATE_BUDGET);
        check(VectorMatrix.random(70_001, 384, 3), VectorMatrix.random(64, 384, 4).data(), 64, CudaPlan.SCORE_BUDGET,
                CudaPlan.CANDIDATE_BUDGET);
        check(VectorMatrix.random(70, 37, 5), VectorMatrix.random(5, 37, 6).data(), 5, CudaPlan.SCORE_BUDGET,
                CudaPlan.CANDIDATE_BUDGET);
    }

    @Test
    void tiesAndManyChunksAndBatchesMatchTheCpu() {
        assumeGpu();
        VectorMatrix m = KnnTestData.duplicated(9_001, 40, 384, 7);
        check(m, KnnTestData.queries(m, 64, 8), 64, CudaPlan.SCORE_BUDGET, CudaPlan.CANDIDATE_BUDGET);
        VectorMatrix small = KnnTestData.duplicated(30_000, 500, 37, 9);
        check(small, KnnTestData.queries(small, 300, 10), 300, 1 << 20, 1 << 18);
        check(small, KnnTestData.queries(small, 7, 11), 7, 1, 1);
    }

    @Test
    void handlesEmptyInputsValidationAndClose() {
        assumeGpu();
        try (CudaKnnSearcher empty = new CudaKnnSearcher(VectorMatrix.of(new float[0], 4), 0)) {
            assertEquals(0, empty.topK(new float[8], 2, 5)[1].size());
        }
        CudaKnnSearcher searcher = new CudaKnnSearcher(VectorMatrix.random(10, 4, 1), 0);
        assertEquals(0, searcher.topK(new float[0], 0, 5).length);
        assertThrows(IllegalArgumentException.class, () -> searcher.topK(new float[8], 2, 129));
        searcher.close();
        searcher.close();
        assertThrows(IllegalStateException.class, () -> searcher.topK(new float[8], 2, 5));
        try (KnnSearcher auto = KnnDevices.open(VectorMatrix.random(10, 4, 1), "auto")) {
            assertInstanceOf(CudaKnnSearcher.class, auto);
        }
    }

    private static void check(VectorMatrix m, float[] queries, int numQueries, long scoreBudget, long candidateBudget) {
        try (CpuKnnSearcher cpu = new CpuKnnSearcher(m);
             CudaKnnSearcher gpu = new CudaKnnSearcher(m, 0, scoreBudget, candidateBudget)) {
            for (int k : new int[] {1, 10, 128}) {
                KnnHits[] expected = cpu.topK(queries, numQueries, k);
                KnnHits[] actual = gpu.topK(queries, numQueries, k);
                assertNull(GpuCheck.firstDifference(expected, actual), m + ", k " + k);
                assertArrayEquals(expected, actual);
            }
        }
    }
}
