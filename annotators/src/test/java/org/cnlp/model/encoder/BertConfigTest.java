package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BertConfigTest {

    private static final String BIOBERT = """
            {"architectures": ["BertForMaskedLM"], "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu",
             "hidden_dropout_prob": 0.1, "hidden_size": 768, "initializer_range": 0.02, "intermediate_size": 3072,
             "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert", "num_attention_heads": 12,
             "num_hidden_layers": 12, "pad_token_id": 0, "type_vocab_size": 2, "vocab_size": 28996}
            """;

    @Test
    void readsAHuggingFaceConfig() {
        BertConfig config = BertConfig.parse(BIOBERT);
        assertEquals(BertConfig.of(28996, 768, 12, 12, 3072, 512, 2), config);
        assertEquals(64, config.headSize());
        assertEquals(config, BertConfig.parse(config.toJson()));
    }

    @Test
    void rejectsWhatTheEncoderDoesNotCompute() {
        assertThrows(IllegalArgumentException.class, () -> BertConfig.parse(BIOBERT.replace("\"bert\"", "\"roberta\"")));
        assertThrows(IllegalArgumentException.class, () -> BertConfig.parse(BIOBERT.replace("\"gelu\"", "\"gelu_new\"")));
        assertThrows(IllegalArgumentException.class, () -> BertConfig.parse(BIOBERT.replace("\"num_attention_heads\": 12", "\"num_attention_heads\": 7")));
        assertThrows(IllegalArgumentException.class, () -> BertConfig.parse(BIOBERT.replace("\"vocab_size\": 28996", "\"vocab\": 1")));
        assertThrows(IllegalArgumentException.class, () -> BertConfig.parse("[]"));
    }
}
