package org.cnlp.model.ner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertEncoder;
import org.cnlp.model.encoder.TokenBlock;

/**
 * HuggingFace's {@code BertForTokenClassification}: a {@link BertEncoder}, dropout, and a linear
 * layer giving one logit per tag for every token. Parameters carry the encoder's checkpoint
 * names plus {@code classifier.weight} ({@code [tags, hidden]}) and {@code classifier.bias}.
 * Output: {@code [batch, tokens, tags]} logits.
 */
public final class TokenClassifier extends AbstractBlock implements TokenBlock {

    private static final byte VERSION = 1;
    /** The checkpoint name of the classifier's weight. */
    public static final String WEIGHT = "classifier.weight";
    /** The checkpoint name of the classifier's bias. */
    public static final String BIAS = "classifier.bias";

    private final BertEncoder encoder;
    private final Dropout dropout;
    private final Linear classifier;
    private final int tags;

    /** An uninitialized classifier over {@code tags} tags. */
    public TokenClassifier(BertConfig config, int tags) {
        super(VERSION);
        if (tags < 2) {
            throw new IllegalArgumentException("a token classifier needs at least two tags");
        }
        this.tags = tags;
        this.encoder = addChildBlock("encoder", new BertEncoder(config));
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(config.hiddenDropout()).build());
        this.classifier = addChildBlock("classifier", Linear.builder().setUnits(tags).optBias(true).build());
    }

    /** The encoder underneath. */
    public BertEncoder encoder() {
        return encoder;
    }

    /** The number of tags. */
    public int tagCount() {
        return tags;
    }

    @Override
    public SequencedMap<String, Parameter> namedParameters() {
        SequencedMap<String, Parameter> out = new LinkedHashMap<>(encoder.namedParameters());
        out.put(WEIGHT, classifier.getParameters().get("weight"));
        out.put(BIAS, classifier.getParameters().get("bias"));
        return Collections.unmodifiableSequencedMap(out);
    }

    @Override
    public int outputSize() {
        return tags;
    }

    @Override
    public int maxSequenceLength() {
        return encoder.maxSequenceLength();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(store, encoder.hiddenStates(store, inputs, training).getLast(), training));
    }

    /** Hidden states, attention maps and logits from one pass (attention distillation reads the maps). */
    public record Outputs(BertEncoder.States states, NDArray logits) {}

    /** Every hidden state, every attention map and the logits. */
    public Outputs outputs(ParameterStore store, NDList inputs, boolean training) {
        BertEncoder.States states = encoder.states(store, inputs, training);
        return new Outputs(states, logits(store, states.hidden().getLast(), training));
    }

    private NDArray logits(ParameterStore store, NDArray hidden, boolean training) {
        NDArray dropped = dropout.forward(store, new NDList(hidden), training).head();
        return classifier.forward(store, new NDList(dropped), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(tags)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape hidden = inputShapes[0].add(encoder.config().hiddenSize());
        dropout.initialize(manager, dataType, hidden);
        classifier.initialize(manager, dataType, hidden);
    }
}
