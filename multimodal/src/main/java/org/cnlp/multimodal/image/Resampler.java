package org.cnlp.multimodal.image;

/**
 * One-dimensional resampling weights from {@code from} samples to {@code to} samples: area averaging when
 * shrinking, bilinear between sample centres when growing, identity when equal. Used along each axis of a
 * {@link GreyImage} in turn.
 */
final class Resampler {

    private final int[] start;
    private final float[][] weights;

    private Resampler(int[] start, float[][] weights) {
        this.start = start;
        this.weights = weights;
    }

    static Resampler of(int from, int to) {
        int[] start = new int[to];
        float[][] weights = new float[to][];
        for (int i = 0; i < to; i++) {
            if (to < from) {
                area(from, to, i, start, weights);
            } else if (to > from) {
                bilinear(from, to, i, start, weights);
            } else {
                start[i] = i;
                weights[i] = new float[] {1f};
            }
        }
        return new Resampler(start, weights);
    }

    /** Output {@code i} covers source interval {@code [i*from/to, (i+1)*from/to)}; each sample weighs its overlap. */
    private static void area(int from, int to, int i, int[] start, float[][] weights) {
        double lo = (double) ((long) i * from) / to;
        double hi = (double) ((long) (i + 1) * from) / to;
        double span = hi - lo;
        int first = (int) Math.floor(lo);
        int last = Math.min(from - 1, (int) Math.ceil(hi) - 1);
        float[] w = new float[last - first + 1];
        for (int j = first; j <= last; j++) {
            double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
            w[j - first] = (float) (overlap / span);
        }
        start[i] = first;
        weights[i] = w;
    }

    /** Output centre {@code i + 0.5} maps to source position {@code (i + 0.5) * from / to - 0.5}, clamped to the edges. */
    private static void bilinear(int from, int to, int i, int[] start, float[][] weights) {
        double position = (i + 0.5) * from / to - 0.5;
        position = Math.clamp(position, 0.0, from - 1.0);
        int first = (int) Math.floor(position);
        double fraction = position - first;
        if (first >= from - 1 || fraction == 0.0) {
            start[i] = first;
            weights[i] = new float[] {1f};
        } else {
            start[i] = first;
            weights[i] = new float[] {(float) (1.0 - fraction), (float) fraction};
        }
    }

    /** Resamples one line of {@code src} (given offset and stride) into one line of {@code dst}. */
    void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
        for (int i = 0; i < start.length; i++) {
            float[] w = weights[i];
            int index = srcOffset + start[i] * srcStride;
            double sum = 0.0;
            for (float weight : w) {
                sum += weight * (double) src[index];
                index += srcStride;
            }
            dst[dstOffset + i * dstStride] = (float) sum;
        }
    }
}
