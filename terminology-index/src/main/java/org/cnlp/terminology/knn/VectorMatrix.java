package org.cnlp.terminology.knn;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An immutable matrix of {@link #rows()} vectors of {@link #dim()} floats, stored row-major in one array:
 * the vectors that a {@link KnnSearcher} searches. Values are finite; rows are usually unit vectors
 * ({@link #normalise}), so that the dot product the searchers compute is the cosine similarity.
 */
public final class VectorMatrix {

    private final float[] data;
    private final int rows;
    private final int dim;

    private VectorMatrix(float[] data, int dim) {
        this.data = data;
        this.dim = dim;
        this.rows = data.length / dim;
    }

    /**
     * A matrix holding a copy of {@code data}.
     *
     * @param data row-major values, {@code rows * dim} of them (may be empty), all finite
     * @param dim  values per row, at least 1
     * @throws IllegalArgumentException when {@code dim < 1}, the length is not a multiple of {@code dim},
     *                                  or a value is NaN or infinite
     */
    public static VectorMatrix of(float[] data, int dim) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        return wrap(data.clone(), dim);
    }

    /** Like {@link #of} but takes {@code data} without copying it: the caller must not change it. */
    static VectorMatrix wrap(float[] data, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be at least 1: " + dim);
        }
        if (data.length % dim != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of dim " + dim);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("row " + i / dim + " has a non-finite value at dimension " + i % dim
                        + ": " + data[i]);
            }
        }
        return new VectorMatrix(data, dim);
    }

    /** Number of vectors. */
    public int rows() {
        return rows;
    }

    /** Values per vector. */
    public int dim() {
        return dim;
    }

    /** A copy of vector {@code i}. */
    public float[] row(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        return Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
    }

    /** The backing array, not copied: searchers of this package read it and never change it. */
    float[] data() {
        return data;
    }

    /**
     * {@code v} scaled to unit L2 length, as a new array (the norm is computed in double precision).
     * A zero vector stays zero.
     */
    public static float[] normalise(float[] v) {
        double sumOfSquares = 0;
        for (float x : v) {
            sumOfSquares += (double) x * x;
        }
        float[] out = new float[v.length];
        if (sumOfSquares == 0) {
            return out;
        }
        double norm = Math.sqrt(sumOfSquares);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * {@code n} random unit vectors (normalised Gaussian, so directions are uniform). Each row depends
     * only on {@code seed} and its index, so the result does not depend on how many threads build it.
     */
    public static VectorMatrix random(int n, int dim, long seed) {
        if (n < 0 || dim < 1 || (long) n * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot make " + n + " x " + dim + " random vectors");
        }
        float[] data = new float[n * dim];
        IntStream.range(0, n).parallel().forEach(r -> {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r);
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) random.nextGaussian();
            }
            System.arraycopy(normalise(v), 0, data, r * dim, dim);
        });
        return new VectorMatrix(data, dim);
    }

    @Override
    public String toString() {
        return "VectorMatrix[" + rows + " x " + dim + "]";
    }
}
