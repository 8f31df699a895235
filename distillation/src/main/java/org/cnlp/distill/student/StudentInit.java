package org.cnlp.distill.student;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.WeightSet;

/**
 * A student's starting point cut from a trained teacher: the chosen teacher layers copied in
 * order, each feed-forward block pruned to its most important neurons (importance of neuron
 * {@code j}: the norm of its input row times the norm of its output column), the embedding
 * matrix reduced to the kept vocabulary, and the teacher's classifier.
 *
 * @param config the student's configuration
 * @param weights its starting weights (encoder and classifier)
 * @param tokenizerJson its tokenizer (the teacher's, with the pruned vocabulary)
 * @param teacherToStudent for each teacher token id, the student's, or -1 (identity without pruning)
 */
public record StudentInit(BertConfig config, WeightSet weights, String tokenizerJson, int[] teacherToStudent) {

    private static final String LAYER = "encoder.layer.";

    /** Cuts the student; {@code vocabulary} is null when the vocabulary is kept whole. */
    public static StudentInit cut(BertConfig teacher, WeightSet weights, String tokenizerJson, StudentSpec spec,
            VocabularyPruning vocabulary) {
        for (int layer : spec.teacherLayers()) {
            if (layer < 0 || layer >= teacher.numLayers()) {
                throw new IllegalArgumentException("teacher layer " + layer + " does not exist: the teacher has layers 0.."
                        + (teacher.numLayers() - 1));
            }
        }
        int ffn = spec.intermediateSize() == 0 ? teacher.intermediateSize() : spec.intermediateSize();
        if (ffn > teacher.intermediateSize()) {
            throw new IllegalArgumentException("the student's feed-forward size " + ffn + " exceeds the teacher's "
                    + teacher.intermediateSize());
        }
        int vocabSize = vocabulary == null ? teacher.vocabSize() : vocabulary.size();
        BertConfig config = new BertConfig(vocabSize, teacher.hiddenSize(), spec.teacherLayers().size(), teacher.numHeads(), ffn,
                teacher.maxPositions(), teacher.typeVocabSize(), teacher.layerNormEps(), teacher.hiddenDropout(),
                teacher.attentionDropout());
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : weights.asMap().entrySet()) {
            String name = e.getKey();
            if (name.equals("embeddings.word_embeddings.weight") && vocabulary != null) {
                out.put(name, rows(e.getValue(), vocabulary.newToOld()));
            } else if (name.startsWith("embeddings.") || name.equals(TokenClassifier.WEIGHT) || name.equals(TokenClassifier.BIAS)) {
                out.put(name, e.getValue());
            }
        }
        for (int i = 0; i < spec.teacherLayers().size(); i++) {
            String from = LAYER + spec.teacherLayers().get(i) + ".";
            String to = LAYER + i + ".";
            int[] neurons = importantNeurons(weights, from, ffn);
            for (Map.Entry<String, HostTensor> e : weights.asMap().entrySet()) {
                if (!e.getKey().startsWith(from)) {
                    continue;
                }
                String suffix = e.getKey().substring(from.length());
                HostTensor t = e.getValue();
                HostTensor cut = switch (suffix) {
                    case "intermediate.dense.weight", "intermediate.dense.bias" -> rows(t, neurons);
                    case "output.dense.weight" -> columns(t, neurons);
                    default -> t;
                };
                out.put(to + suffix, cut);
            }
        }
        int[] map = vocabulary == null ? IntStream.range(0, teacher.vocabSize()).toArray() : vocabulary.oldToNew();
        return new StudentInit(config, WeightSet.of(out), vocabulary == null ? tokenizerJson : vocabulary.tokenizerJson(), map);
    }

    /** The {@code keep} neurons of a feed-forward block with the largest importance, in their original order. */
    static int[] importantNeurons(WeightSet weights, String layerPrefix, int keep) {
        HostTensor in = weights.get(layerPrefix + "intermediate.dense.weight");
        HostTensor out = weights.get(layerPrefix + "output.dense.weight");
        int f = (int) in.dim(0);
        int h = (int) in.dim(1);
        double[] importance = new double[f];
        for (int j = 0; j < f; j++) {
            double a = 0;
            double b = 0;
            for (int k = 0; k < h; k++) {
                float x = in.get(j * h + k);
                float y = out.get(k * f + j);
                a += x * x;
                b += y * y;
            }
            importance[j] = Math.sqrt(a) * Math.sqrt(b);
        }
        Integer[] order = new Integer[f];
        for (int j = 0; j < f; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -importance[j]).thenComparingInt(j -> j));
        int[] kept = new int[keep];
        for (int j = 0; j < keep; j++) {
            kept[j] = order[j];
        }
        Arrays.sort(kept);
        return kept;
    }

    /** Rows {@code keep} of a matrix (or elements of a vector). */
    static HostTensor rows(HostTensor t, int[] keep) {
        long[] shape = t.shape();
        int width = t.rank() == 1 ? 1 : (int) shape[1];
        float[] data = new float[keep.length * width];
        float[] source = t.data();
        for (int r = 0; r < keep.length; r++) {
            System.arraycopy(source, keep[r] * width, data, r * width, width);
        }
        long[] newShape = shape.clone();
        newShape[0] = keep.length;
        return HostTensor.of(newShape, data);
    }

    /** Columns {@code keep} of a matrix. */
    static HostTensor columns(HostTensor t, int[] keep) {
        int rowsCount = (int) t.dim(0);
        int width = (int) t.dim(1);
        float[] source = t.data();
        float[] data = new float[rowsCount * keep.length];
        for (int r = 0; r < rowsCount; r++) {
            for (int c = 0; c < keep.length; c++) {
                data[r * keep.length + c] = source[r * width + keep[c]];
            }
        }
        return HostTensor.of(new long[] {rowsCount, keep.length}, data);
    }

    /** The student's token ids for teacher ids (all must be kept). */
    public long[] studentIds(long[] teacherIds) {
        long[] out = new long[teacherIds.length];
        for (int i = 0; i < teacherIds.length; i++) {
            int id = teacherToStudent[(int) teacherIds[i]];
            if (id < 0) {
                throw new IllegalStateException("teacher token " + teacherIds[i] + " was pruned from the student's vocabulary");
            }
            out[i] = id;
        }
        return out;
    }
}
