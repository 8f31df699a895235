package org.cnlp.multimodal.vqa;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.Locale;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * Answers a question about an image by classifying over the answer vocabulary, from a question
 * vector (the text encoder's) and the image encoder's region grid. Four variants:
 * <ul>
 *   <li>{@link Fusion#QUESTION_ONLY} and {@link Fusion#IMAGE_ONLY}: the baselines, one input through
 *       a hidden layer;</li>
 *   <li>{@link Fusion#CONCAT}: the question vector and the pooled image vector concatenated, then a
 *       hidden layer (the baseline of the design this product follows);</li>
 *   <li>{@link Fusion#ATTENTION}: question-guided attention over the 64 regions, with the
 *       attended image vector and the question projected to a joint space and multiplied
 *       element-wise (stacked-attention style), then a hidden layer.</li>
 * </ul>
 * Dropout 0.3 on the hidden layer while training.
 */
public final class VqaModel {

    /** How question and image are combined. */
    public enum Fusion {
        QUESTION_ONLY, IMAGE_ONLY, CONCAT, ATTENTION;

        /** {@code question-only}, {@code image-only}, {@code concat} or {@code attention}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Fusion parse(String id) {
            for (Fusion fusion : values()) {
                if (fusion.id().equalsIgnoreCase(id.strip())) {
                    return fusion;
                }
            }
            throw new IllegalArgumentException("fusion must be question-only, image-only, concat or attention, got '" + id + "'");
        }
    }

    private static final float DROPOUT = 0.3f;

    private final ParameterSet parameters;
    private final Fusion fusion;

    /**
     * Adds the model's weights to {@code parameters} (prefix {@code vqa.}).
     *
     * @param questionSize the question vector's length
     * @param hidden       the joint and hidden layers' width
     * @param answers      the answer vocabulary's size
     */
    public VqaModel(ParameterSet parameters, Fusion fusion, int questionSize, int hidden, int answers) {
        this.parameters = parameters;
        this.fusion = fusion;
        int features = ImageEncoder.FEATURES;
        int input = switch (fusion) {
            case QUESTION_ONLY -> questionSize;
            case IMAGE_ONLY -> features;
            case CONCAT -> questionSize + features;
            case ATTENTION -> hidden;
        };
        if (fusion == Fusion.ATTENTION) {
            parameters.lecun("vqa.question.weight", questionSize, questionSize, hidden);
            parameters.zeros("vqa.question.bias", hidden);
            parameters.lecun("vqa.region.weight", features, features, hidden);
            parameters.zeros("vqa.region.bias", hidden);
            parameters.lecun("vqa.attention.weight", hidden, hidden, 1);
            parameters.lecun("vqa.image.weight", features, features, hidden);
            parameters.zeros("vqa.image.bias", hidden);
        }
        parameters.he("vqa.hidden.weight", input, input, hidden);
        parameters.zeros("vqa.hidden.bias", hidden);
        parameters.lecun("vqa.output.weight", hidden, hidden, answers);
        parameters.zeros("vqa.output.bias", answers);
    }

    /** The variant. */
    public Fusion fusion() {
        return fusion;
    }

    /**
     * Answer logits {@code [batch, answers]}.
     *
     * @param questions {@code [batch, questionSize]}
     * @param regions   {@code [batch, regions, FEATURES]}
     * @param training  whether dropout is on
     */
    public NDArray logits(NDArray questions, NDArray regions, boolean training) {
        questions = scaleQuestions(questions);
        regions = scaleRegions(regions);
        NDArray joint = switch (fusion) {
            case QUESTION_ONLY -> questions;
            case IMAGE_ONLY -> ImageEncoder.pooled(regions);
            case CONCAT -> questions.concat(ImageEncoder.pooled(regions), 1);
            case ATTENTION -> attend(questions, regions);
        };
        NDArray hidden = Activation.relu(linear(joint, "vqa.hidden"));
        hidden = Dropout.dropout(hidden, DROPOUT, training).singletonOrThrow();
        return linear(hidden, "vqa.output");
    }

    /**
     * Unit question vectors scaled by the square root of their length, so that each component
     * has about unit size (the layers' initialisation assumes it).
     */
    static NDArray scaleQuestions(NDArray questions) {
        return questions.mul((float) Math.sqrt(questions.getShape().get(1)));
    }

    /** Each region vector scaled to length sqrt(features), for the same reason; zero regions stay zero. */
    static NDArray scaleRegions(NDArray regions) {
        NDArray norms = regions.norm(new int[] {2}, true).add(1e-6f);
        return regions.div(norms).mul((float) Math.sqrt(regions.getShape().get(2)));
    }

    /** The attention weights {@code [batch, regions]} over scaled inputs; only for {@link Fusion#ATTENTION}. */
    private NDArray attention(NDArray questions, NDArray regions) {
        NDArray question = linear(questions, "vqa.question").tanh();
        NDArray region = linear(regions, "vqa.region").tanh();
        NDArray scores = region.mul(question.expandDims(1)).matMul(parameters.get("vqa.attention.weight")).squeeze(2);
        return scores.softmax(1);
    }

    private NDArray attend(NDArray questions, NDArray regions) {
        NDArray weights = attention(questions, regions);
        NDArray attended = weights.expandDims(2).mul(regions).sum(new int[] {1});
        return linear(questions, "vqa.question").tanh().mul(linear(attended, "vqa.image").tanh());
    }

    private NDArray linear(NDArray x, String name) {
        return x.matMul(parameters.get(name + ".weight")).add(parameters.get(name + ".bias"));
    }
}
