package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CpuKnnSearcherTest {

    @Test
    void matchesNaiveFullSortOnRandomData() {
        VectorMatrix m = VectorMatrix.random(1_037, 37, 1);
        float[] queries = VectorMatrix.random(13, 37, 2).data();
        for (int threads : new int[] {1, 3}) {
            try (CpuKnnSearcher searcher = new CpuKnnSearcher(m, threads)) {
                for (int k : new int[] {1, 10, 128}) {
                    assertArrayEquals(KnnTestData.naive(m, queries, 13, k), searcher.topK(queries, 13, k),
                            "threads " + threads + ", k " + k);
                }
            }
        }
    }

    @Test
    void parallelSearchOfLargerMatrixMatchesSingleThread() {
        VectorMatrix m = VectorMatrix.random(20_011, 64, 3);
        float[] queries = VectorMatrix.random(70, 64, 4).data();
        try (CpuKnnSearcher one = new CpuKnnSearcher(m, 1); CpuKnnSearcher four = new CpuKnnSearcher(m, 4)) {
            assertArrayEquals(one.topK(queries, 70, 128), four.topK(queries, 70, 128));
            float[] three = Arrays.copyOf(queries, 3 * 64);
            assertArrayEquals(KnnTestData.naive(m, three, 3, 10), four.topK(three, 3, 10));
        }
    }

    @Test
    void tiesGoToTheLowerRow() {
        VectorMatrix m = KnnTestData.duplicated(3_001, 10, 16, 5);
        float[] queries = KnnTestData.queries(m, 9, 6);
        try (CpuKnnSearcher searcher = new CpuKnnSearcher(m, 2)) {
            KnnHits[] hits = searcher.topK(queries, 9, 128);
            assertArrayEquals(KnnTestData.naive(m, queries, 9, 128), hits);
            // query 0 is a row copied about 300 times: the 128 hits are its first copies, in row order
            KnnHits first = hits[0];
            for (int i = 1; i < first.size(); i++) {
                assertEquals(Float.floatToRawIntBits(first.scores()[0]), Float.floatToRawIntBits(first.scores()[i]));
                assertTrue(first.rows()[i - 1] < first.rows()[i]);
            }
        }
    }

    @Test
    void kLargerThanRowsReturnsEveryRow() {
        VectorMatrix m = VectorMatrix.random(5, 8, 7);
        float[] queries = VectorMatrix.random(2, 8, 8).data();
        try (CpuKnnSearcher searcher = new CpuKnnSearcher(m)) {
            KnnHits[] hits = searcher.topK(queries, 2, 128);
            assertEquals(5, hits[0].size());
            assertArrayEquals(KnnTestData.naive(m, queries, 2, 5), hits);
        }
        try (CpuKnnSearcher empty = new CpuKnnSearcher(VectorMatrix.of(new float[0], 8))) {
            assertEquals(0, empty.topK(queries, 2, 3)[1].size());
        }
    }

    @Test
    void namesItsDevice() {
        try (CpuKnnSearcher one = new CpuKnnSearcher(VectorMatrix.random(1, 4, 1), 1);
             CpuKnnSearcher two = new CpuKnnSearcher(VectorMatrix.random(1, 4, 1), 2)) {
            assertEquals("cpu (1 thread)", one.device());
            assertEquals("cpu (2 threads)", two.device());
        }
    }

    @Test
    void rejectsInvalidArguments() {
        try (CpuKnnSearcher searcher = new CpuKnnSearcher(VectorMatrix.random(10, 4, 9))) {
            float[] two = new float[8];
            assertThrows(IllegalArgumentException.class, () -> searcher.topK(two, 2, 0));
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> searcher.topK(two, 2, 129));
            assertTrue(tooMany.getMessage().contains("128"), tooMany.getMessage());
            assertThrows(IllegalArgumentException.class, () -> searcher.topK(two, 3, 5));
            assertThrows(IllegalArgumentException.class, () -> searcher.topK(new float[7], 2, 5));
            assertThrows(IllegalArgumentException.class, () -> searcher.topK(null, 0, 5));
            assertThrows(IllegalArgumentException.class, () -> searcher.topK(two, -1, 5));
            assertEquals(0, searcher.topK(new float[0], 0, 5).length);
        }
        CpuKnnSearcher closed = new CpuKnnSearcher(VectorMatrix.random(10, 4, 9), 2);
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.topK(new float[8], 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new CpuKnnSearcher(VectorMatrix.random(1, 4, 1), 0));
    }
}
