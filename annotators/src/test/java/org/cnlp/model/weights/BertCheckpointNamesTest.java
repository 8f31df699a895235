package org.cnlp.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BertCheckpointNamesTest {

    @Test
    void mapsPrefixesAndOldLayerNormNames() {
        assertEquals(Optional.of("encoder.layer.3.attention.self.query.weight"),
                BertCheckpointNames.encoderName("bert.encoder.layer.3.attention.self.query.weight"));
        assertEquals(Optional.of("embeddings.LayerNorm.weight"), BertCheckpointNames.encoderName("bert.embeddings.LayerNorm.gamma"));
        assertEquals(Optional.of("encoder.layer.0.output.LayerNorm.bias"),
                BertCheckpointNames.encoderName("encoder.layer.0.output.LayerNorm.beta"));
        assertEquals(Optional.of("embeddings.word_embeddings.weight"), BertCheckpointNames.encoderName("embeddings.word_embeddings.weight"));
    }

    @Test
    void dropsHeadsAndBuffers() {
        for (String head : new String[] {"cls.predictions.bias", "bert.pooler.dense.weight", "classifier.weight",
                "bert.embeddings.position_ids", "qa_outputs.bias"}) {
            assertEquals(Optional.empty(), BertCheckpointNames.encoderName(head), head);
        }
    }
}
