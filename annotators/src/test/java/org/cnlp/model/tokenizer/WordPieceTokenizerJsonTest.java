package org.cnlp.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerJsonTest {

    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "the", "cafe", "patient", "pain", "Pain", "##s", "##ful", "play", ".", "中");

    @Test
    void uncasedSplitsWordPiecesLowersAndStripsAccents() {
        try (EncoderTokenizer tokenizer = EncoderTokenizer.fromJson(WordPieceTokenizerJson.fromVocab(VOCAB, true),
                TokenizerSettings.untruncated(32))) {
            assertEquals(List.of("[CLS]", "the", "patient", "##s", "pain", "##ful", "cafe", "play", "##s", "中", "[UNK]", ".", "[SEP]"),
                    tokenizer.tokens("The patients PAINFUL café plays 中文."));
            TokenSequence sequence = tokenizer.encode("The patients");
            assertEquals(2, sequence.id(0));
            assertEquals(3, sequence.id(sequence.length() - 1));
            assertEquals(sequence.wordId(2), sequence.wordId(3), "pieces of one word share its word id");
            assertEquals(4, sequence.charStart(2));
            assertEquals(11, sequence.charEnd(2));
            assertEquals(11, sequence.charStart(3));
            assertEquals(12, sequence.charEnd(3));
            assertEquals(0, tokenizer.padId());
        }
    }

    @Test
    void casedKeepsCase() {
        try (EncoderTokenizer tokenizer = EncoderTokenizer.fromJson(WordPieceTokenizerJson.fromVocab(VOCAB, false),
                TokenizerSettings.untruncated(32))) {
            assertEquals(List.of("[CLS]", "Pain", "pain", "[UNK]", "[SEP]"), tokenizer.tokens("Pain pain café"));
        }
    }

    @Test
    void requiresTheSpecialTokens() {
        assertThrows(IllegalArgumentException.class, () -> WordPieceTokenizerJson.fromVocab(List.of("[PAD]", "[CLS]", "[SEP]", "a"), true));
    }
}
