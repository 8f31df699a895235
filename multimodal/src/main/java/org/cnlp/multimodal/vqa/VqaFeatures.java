package org.cnlp.multimodal.vqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.MedicalImages;

/**
 * The inputs of a VQA model, computed once by the frozen encoders: a vector per question (the
 * text encoder) and a region grid per image (the image encoder). Training the fusion then needs
 * no encoder pass.
 *
 * @param questions question vectors by question text
 * @param regions   {@code GRID*GRID × FEATURES} region features by image name
 */
public record VqaFeatures(Map<String, float[]> questions, Map<String, float[]> regions) {

    /** Encodes every question and image of {@code items}; images are read from {@code imagesDir}. */
    public static VqaFeatures compute(List<VqaItem> items, Path imagesDir, SentenceEmbedder questionEncoder,
            ImageEncoder imageEncoder, NDManager manager, PrintStream progress) throws IOException {
        Set<String> questionTexts = new LinkedHashSet<>();
        Set<String> images = new LinkedHashSet<>();
        for (VqaItem item : items) {
            questionTexts.add(item.question());
            images.add(item.imageName());
        }
        List<String> texts = new ArrayList<>(questionTexts);
        float[][] vectors = questionEncoder.embed(texts);
        Map<String, float[]> questions = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            questions.put(texts.get(i), vectors[i]);
        }
        Map<String, float[]> regions = new LinkedHashMap<>();
        int done = 0;
        for (String image : images) {
            byte[] pixels = MedicalImages.read(imagesDir.resolve(image), ImageLimits.DEFAULT)
                    .resized(ImageEncoder.SIZE, ImageEncoder.SIZE).toBytes();
            regions.put(image, regions(imageEncoder, manager, pixels));
            if (progress != null && ++done % 100 == 0) {
                progress.printf("VQA features: %d/%d images%n", done, images.size());
            }
        }
        return new VqaFeatures(questions, regions);
    }

    /** The region grid of one image. */
    public static float[] regions(ImageEncoder encoder, NDManager manager, byte[] pixels) {
        try (NDManager scope = manager.newSubManager()) {
            return encoder.regions(ImageEncoder.pixels(scope, List.of(pixels))).toFloatArray();
        }
    }

    /** Question vectors of {@code items} as {@code [batch, size]}. */
    NDArray questionBatch(NDManager manager, List<VqaItem> items) {
        int size = questions.values().iterator().next().length;
        float[] data = new float[items.size() * size];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(require(questions, items.get(i).question(), "question"), 0, data, i * size, size);
        }
        return manager.create(data, new Shape(items.size(), size));
    }

    /** Region grids of {@code items} as {@code [batch, regions, features]}. */
    NDArray regionBatch(NDManager manager, List<VqaItem> items) {
        int size = ImageEncoder.GRID * ImageEncoder.GRID * ImageEncoder.FEATURES;
        float[] data = new float[items.size() * size];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(require(regions, items.get(i).imageName(), "image"), 0, data, i * size, size);
        }
        return manager.create(data, new Shape(items.size(), ImageEncoder.GRID * ImageEncoder.GRID, ImageEncoder.FEATURES));
    }

    private static float[] require(Map<String, float[]> map, String key, String what) {
        float[] value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no features for the " + what + " " + key);
        }
        return value;
    }
}
