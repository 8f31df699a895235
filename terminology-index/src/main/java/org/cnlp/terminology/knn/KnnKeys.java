package org.cnlp.terminology.knn;

/**
 * The ranking key of one (score, row) pair, shared by the CPU searcher and the CUDA kernels
 * ({@code knn_key} in {@code src/main/cuda/knn.cu} computes the same bits): the high 32 bits are the
 * score as an order-preserving integer, the low 32 bits are {@code ~row}. A larger key means a higher
 * score, and for equal scores a lower row, so sorting keys in descending order gives the result order.
 * A NaN score ranks below every number. Not API.
 */
final class KnnKeys {

    /** Below every real key: pads incomplete result lists. */
    static final long NONE = Long.MIN_VALUE;

    private KnnKeys() {
    }

    /** The key of {@code score} at {@code row} (row &ge; 0). */
    static long pack(float score, int row) {
        int sortable;
        if (Float.isNaN(score)) {
            sortable = Integer.MIN_VALUE;
        } else {
            int bits = Float.floatToRawIntBits(score);
            sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        }
        return ((long) sortable << 32) | (~row & 0xffffffffL);
    }

    /** The row of a key made by {@link #pack}. */
    static int row(long key) {
        return ~(int) key;
    }

    /** The score of a key made by {@link #pack} (bit-exact; any NaN comes back as the canonical NaN). */
    static float score(long key) {
        int sortable = (int) (key >> 32);
        if (sortable == Integer.MIN_VALUE) {
            return Float.NaN;
        }
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }
}
