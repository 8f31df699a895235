package org.cnlp.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * An immutable float tensor on the Java heap, row-major: the form weights take between a file
 * and a DJL parameter.
 */
public final class HostTensor {

    private final long[] shape;
    private final float[] data;

    private HostTensor(long[] shape, float[] data) {
        long size = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, dim);
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    /** A tensor holding copies of {@code shape} and {@code data}. */
    public static HostTensor of(long[] shape, float[] data) {
        return new HostTensor(shape.clone(), data.clone());
    }

    /** Takes ownership of arrays nobody else holds (used by the readers in this package). */
    static HostTensor adopt(long[] shape, float[] data) {
        return new HostTensor(shape, data);
    }

    /** Copies a float32 (or other float type, converted) NDArray to the heap. */
    public static HostTensor of(NDArray array) {
        NDArray source = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        try {
            return new HostTensor(array.getShape().getShape(), source.toFloatArray());
        } finally {
            if (source != array) {
                source.close();
            }
        }
    }

    /** The dimensions (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The element at a flat row-major index. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** All elements, row-major (a copy). */
    public float[] data() {
        return data.clone();
    }

    /** The transpose of a matrix. */
    public HostTensor transpose() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose needs a matrix, shape is " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new HostTensor(new long[] {cols, rows}, out);
    }

    /** A float32 NDArray with this tensor's values, owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(shape));
    }

    /** The largest element-wise absolute difference; the shapes must be equal. */
    public float maxAbsDifference(HostTensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(
                    "shapes differ: " + Arrays.toString(shape) + " vs " + Arrays.toString(other.shape));
        }
        float max = 0;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, Math.abs(data[i] - other.data[i]));
        }
        return max;
    }

    /** Raw access for writers in this package, never handed out. */
    float[] unsafeData() {
        return data;
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
