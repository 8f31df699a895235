package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorMatrixTest {

    @Test
    void copiesAndValidates() {
        float[] data = {1, 2, 3, 4, 5, 6};
        VectorMatrix m = VectorMatrix.of(data, 3);
        data[0] = 99;
        assertEquals(2, m.rows());
        assertEquals(3, m.dim());
        assertArrayEquals(new float[] {1, 2, 3}, m.row(0));
        m.row(1)[0] = 42;
        assertArrayEquals(new float[] {4, 5, 6}, m.row(1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.row(2));
        assertThrows(IllegalArgumentException.class, () -> VectorMatrix.of(new float[5], 3));
        assertThrows(IllegalArgumentException.class, () -> VectorMatrix.of(new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> VectorMatrix.of(null, 3));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> VectorMatrix.of(new float[] {0, 0, 0, 0, Float.NaN, 0}, 3));
        assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
        assertEquals(0, VectorMatrix.of(new float[0], 3).rows());
    }

    @Test
    void normalisesToUnitLengthAndKeepsZero() {
        assertArrayEquals(new float[] {0.6f, 0.8f}, VectorMatrix.normalise(new float[] {3, 4}));
        assertArrayEquals(new float[3], VectorMatrix.normalise(new float[3]));
    }

    @Test
    void randomRowsAreUnitAndDeterministic() {
        VectorMatrix a = VectorMatrix.random(50, 384, 11);
        VectorMatrix b = VectorMatrix.random(50, 384, 11);
        assertArrayEquals(a.data(), b.data());
        for (int r = 0; r < a.rows(); r++) {
            double sum = 0;
            for (float x : a.row(r)) {
                sum += x * x;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }
}
