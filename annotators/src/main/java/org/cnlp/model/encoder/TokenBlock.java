package org.cnlp.model.encoder;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.SequencedMap;

/**
 * A block that maps token ids to one vector per token: inputs {@code (input_ids,
 * attention_mask[, token_type_ids])}, int64 {@code [batch, tokens]}; output one array
 * {@code [batch, tokens, outputSize]}. The encoder is one; a token classifier on top of it is
 * another.
 */
public interface TokenBlock extends Block {

    /** Every parameter under its checkpoint name ({@code encoder.layer.0.attention.self.query.weight}). */
    SequencedMap<String, Parameter> namedParameters();

    /** The width of each token's output vector. */
    int outputSize();

    /** The longest sequence the block accepts (its position table). */
    int maxSequenceLength();
}
