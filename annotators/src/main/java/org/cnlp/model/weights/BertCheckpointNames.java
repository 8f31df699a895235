package org.cnlp.model.weights;

import java.util.Optional;

/**
 * Maps the tensor names of HuggingFace BERT checkpoints to the names of a bare {@code BertModel}
 * encoder: {@code bert.} prefixes go, old TensorFlow-era {@code gamma}/{@code beta} LayerNorm
 * names become {@code weight}/{@code bias}, and task heads ({@code cls.*}, {@code pooler.*},
 * {@code classifier.*}, {@code qa_outputs.*}) and the {@code position_ids} buffer are dropped.
 */
public final class BertCheckpointNames {

    private static final String[] HEADS = {"cls.", "pooler.", "classifier.", "qa_outputs.", "lm_head."};

    private BertCheckpointNames() {}

    /** The encoder name of a checkpoint tensor, or empty for heads and buffers. */
    public static Optional<String> encoderName(String checkpointName) {
        String name = checkpointName.startsWith("bert.") ? checkpointName.substring("bert.".length()) : checkpointName;
        for (String head : HEADS) {
            if (name.startsWith(head)) {
                return Optional.empty();
            }
        }
        if (name.endsWith("position_ids")) {
            return Optional.empty();
        }
        if (name.endsWith(".gamma")) {
            name = name.substring(0, name.length() - ".gamma".length()) + ".weight";
        } else if (name.endsWith(".beta")) {
            name = name.substring(0, name.length() - ".beta".length()) + ".bias";
        }
        return Optional.of(name);
    }

    /** The encoder weights of a checkpoint, renamed; heads and buffers removed. */
    public static WeightSet encoderWeights(WeightSet checkpoint) {
        return checkpoint.rename(name -> encoderName(name).orElse(""));
    }
}
