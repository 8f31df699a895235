package org.cnlp.multimodal.image;

/**
 * Limits applied to an image before it is decoded.
 *
 * @param maxBytes  the largest encoded size accepted, in bytes
 * @param maxPixels the largest {@code width × height} accepted, read from the header before any pixel is decoded
 *                  (guards against decompression bombs: a small file that declares a huge image)
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** 32 MiB and 40,000,000 pixels (e.g. 8000 × 5000). */
    public static final ImageLimits DEFAULT = new ImageLimits(32L * 1024 * 1024, 40_000_000L);

    /** @throws IllegalArgumentException if a limit is not positive */
    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive, got maxBytes=" + maxBytes
                    + ", maxPixels=" + maxPixels);
        }
    }
}
