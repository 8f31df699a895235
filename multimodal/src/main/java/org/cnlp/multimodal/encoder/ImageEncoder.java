package org.cnlp.multimodal.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * A small convolutional image encoder for grey medical images of {@value #SIZE}×{@value #SIZE}:
 * four 3×3 convolution + ReLU stages (32, 64, 96, 128 channels), 2×2 max-pooling after the first
 * three, so the last stage is a grid of 8×8 regions of 128 features; their mean is the image's
 * vector. 0.18 M weights. Pixels (0..1) are standardised with mean 0.5 and deviation 0.25.
 * Written with DJL's functional operators over a {@link ParameterSet}, so it trains on the CPU
 * or a CUDA device through DJL PyTorch and saves as safetensors.
 */
public final class ImageEncoder {

    /** Input width and height. */
    public static final int SIZE = 64;
    /** Regions per side of the output grid. */
    public static final int GRID = 8;
    /** Features per region and of the pooled vector. */
    public static final int FEATURES = 128;

    private static final int[] CHANNELS = {32, 64, 96, FEATURES};
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape PAD = new Shape(1, 1);
    private static final Shape DILATION = new Shape(1, 1);
    private static final Shape POOL = new Shape(2, 2);

    private final ParameterSet parameters;

    /** The encoder's weights, added to {@code parameters} under {@code conv<i>.weight/bias}. */
    public ImageEncoder(ParameterSet parameters) {
        this.parameters = parameters;
        int in = 1;
        for (int i = 0; i < CHANNELS.length; i++) {
            parameters.he(weight(i), in * 9, CHANNELS[i], in, 3, 3);
            parameters.zeros(bias(i), CHANNELS[i]);
            in = CHANNELS[i];
        }
    }

    /**
     * Encodes a batch.
     *
     * @param pixels {@code [batch, SIZE*SIZE]} or {@code [batch, 1, SIZE, SIZE]} values 0..1
     * @return {@code [batch, GRID*GRID, FEATURES]} region features
     */
    public NDArray regions(NDArray pixels) {
        long batch = pixels.getShape().get(0);
        NDArray x = pixels.reshape(batch, 1, SIZE, SIZE).sub(0.5f).div(0.25f);
        for (int i = 0; i < CHANNELS.length; i++) {
            x = Activation.relu(Conv2d.conv2d(x, parameters.get(weight(i)), parameters.get(bias(i)), STRIDE, PAD, DILATION, 1)
                    .singletonOrThrow());
            if (i < CHANNELS.length - 1) {
                x = Pool.maxPool2d(x, POOL, POOL, new Shape(0, 0), false);
            }
        }
        // [batch, FEATURES, GRID, GRID] -> [batch, GRID*GRID, FEATURES]
        return x.reshape(batch, FEATURES, GRID * GRID).transpose(0, 2, 1);
    }

    /** The pooled image vector {@code [batch, FEATURES]} of region features. */
    public static NDArray pooled(NDArray regions) {
        return regions.mean(new int[] {1});
    }

    /** A batch of byte images (0..255, {@code SIZE*SIZE} each) as a {@code [batch, SIZE*SIZE]} array of 0..1. */
    public static NDArray pixels(NDManager manager, java.util.List<byte[]> images) {
        float[] values = new float[images.size() * SIZE * SIZE];
        for (int b = 0; b < images.size(); b++) {
            byte[] image = images.get(b);
            if (image.length != SIZE * SIZE) {
                throw new IllegalArgumentException("image of " + image.length + " pixels, the encoder takes " + SIZE + "x" + SIZE);
            }
            for (int p = 0; p < image.length; p++) {
                values[b * SIZE * SIZE + p] = (image[p] & 0xff) / 255f;
            }
        }
        return manager.create(values, new Shape(images.size(), SIZE * SIZE));
    }

    private static String weight(int stage) {
        return "conv" + stage + ".weight";
    }

    private static String bias(int stage) {
        return "conv" + stage + ".bias";
    }
}
