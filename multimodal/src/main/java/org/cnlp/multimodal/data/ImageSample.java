package org.cnlp.multimodal.data;

import java.util.Objects;

import org.cnlp.multimodal.image.GreyImage;

/**
 * One labelled pretraining image: a {@code size × size} grey image stored as unsigned bytes ({@code 0..255},
 * row-major) to keep a whole corpus small in memory. The array is shared, not copied: do not modify it.
 *
 * @param id     where the image came from, unique within its task (e.g. {@code mednist/CXR/000123.jpeg})
 * @param task   the {@link ImageTask#id()} of the task it belongs to
 * @param label  the class index into {@link ImageTask#classNames()}
 * @param pixels {@code size * size} grey values, read with {@code b & 0xff}
 * @param size   the width and height
 */
public record ImageSample(String id, String task, int label, byte[] pixels, int size) {

    /** @throws IllegalArgumentException if the pixel count is not {@code size * size} or the label is negative */
    public ImageSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(pixels, "pixels");
        if (size <= 0 || pixels.length != size * size) {
            throw new IllegalArgumentException(id + ": a " + size + "x" + size + " image needs " + size * size
                    + " pixels, got " + pixels.length);
        }
        if (label < 0) {
            throw new IllegalArgumentException(id + ": negative label " + label);
        }
    }

    /** The pixels as a {@link GreyImage} (values {@code 0..1}). */
    public GreyImage image() {
        return GreyImage.fromBytes(pixels, size, size);
    }

    @Override
    public String toString() {
        return "ImageSample[" + id + ", " + task + ", label " + label + ", " + size + "x" + size + "]";
    }
}
