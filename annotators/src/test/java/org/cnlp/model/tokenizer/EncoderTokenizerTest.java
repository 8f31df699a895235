package org.cnlp.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.cnlp.model.encoder.BundledEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled MiniLM tokenizer through {@link EncoderTokenizer}: framing, truncation and exact offsets. */
class EncoderTokenizerTest {

    private static String json;
    private static EncoderTokenizer whole;

    @BeforeAll
    static void load() throws IOException {
        json = BundledEncoder.ALL_MINILM_L6_V2.tokenizerJson();
        whole = EncoderTokenizer.fromJson(json, TokenizerSettings.untruncated(128));
    }

    @AfterAll
    static void close() {
        whole.close();
    }

    @Test
    void framesWithClsAndSepAndDoesNotPad() {
        TokenSequence sequence = whole.encode("Denies chest pain.");
        assertEquals(List.of("[CLS]", "denies", "chest", "pain", ".", "[SEP]"), whole.tokens("Denies chest pain."));
        assertEquals(6, sequence.length(), "the json's fixed padding to 128 is overridden");
        assertEquals(101, sequence.id(0));
        assertEquals(102, sequence.id(5));
        assertTrue(sequence.isSpecial(0) && sequence.isSpecial(5));
        assertEquals(-1, sequence.wordId(0));
        assertEquals(-1, sequence.charStart(5));
        assertEquals(1, sequence.leadingSpecials());
        assertEquals(1, sequence.trailingSpecials());
        assertEquals(4, sequence.contentLength());
        assertEquals(0, whole.padId());
    }

    @Test
    void truncatesToMaxLengthKeepingSep() {
        try (EncoderTokenizer truncating = EncoderTokenizer.fromJson(json, TokenizerSettings.truncating(8))) {
            TokenSequence sequence = truncating.encode("one two three four five six seven eight nine ten");
            assertEquals(8, sequence.length());
            assertEquals(102, sequence.id(7));
        }
        assertEquals(12, whole.encode("one two three four five six seven eight nine ten").length());
    }

    @Test
    void spansPointAtTheTextIncludingSupplementaryCharactersAndAccents() {
        String text = "Café 😀 naïve patient’s HbA1c 7.2% — 𝒳-ray; 中文 ok";
        TokenSequence sequence = whole.encode(text);
        int previousEnd = 0;
        for (int i = 0; i < sequence.length(); i++) {
            if (sequence.isSpecial(i)) {
                continue;
            }
            int start = sequence.charStart(i);
            int end = sequence.charEnd(i);
            assertTrue(start >= previousEnd && end > start && end <= text.length(), "span " + start + "-" + end);
            assertFalse(Character.isLowSurrogate(text.charAt(start)), "span starts inside a surrogate pair");
            previousEnd = end;
        }
        List<String> tokens = whole.tokens(text);
        for (int i = 0; i < sequence.length(); i++) {
            String token = tokens.get(i);
            if (sequence.isSpecial(i) || token.equals("[UNK]")) {
                continue;
            }
            String covered = fold(text.substring(sequence.charStart(i), sequence.charEnd(i)));
            assertEquals(token.replace("##", ""), covered, "token " + i);
        }
        int emoji = text.indexOf("😀");
        boolean emojiToken = false;
        for (int i = 0; i < sequence.length(); i++) {
            emojiToken |= sequence.charStart(i) == emoji && sequence.charEnd(i) == emoji + 2;
        }
        assertTrue(emojiToken, "the emoji is one [UNK] token covering its surrogate pair");
    }

    @Test
    void batchEqualsOneByOne() {
        List<String> texts = List.of("Aspirin 81 mg.", "", "No acute distress noted today.");
        List<TokenSequence> batch = whole.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            TokenSequence single = whole.encode(texts.get(i));
            assertEquals(single.length(), batch.get(i).length());
            for (int t = 0; t < single.length(); t++) {
                assertEquals(single.id(t), batch.get(i).id(t));
                assertEquals(single.charStart(t), batch.get(i).charStart(t));
            }
        }
        assertEquals(0, batch.get(1).contentLength());
    }

    @Test
    void windowKeepsTheFrame() {
        TokenSequence sequence = whole.encode("alpha beta gamma delta");
        TokenSequence window = sequence.window(1, 3);
        assertEquals(4, window.length());
        assertEquals(101, window.id(0));
        assertEquals(sequence.id(2), window.id(1));
        assertEquals(sequence.charStart(3), window.charStart(2));
        assertEquals(102, window.id(3));
        assertThrows(IndexOutOfBoundsException.class, () -> sequence.window(2, 9));
    }

    @Test
    void rejectsTextThatIsNotATokenizer() {
        assertThrows(IllegalArgumentException.class, () -> EncoderTokenizer.fromJson("{\"x\": 1}", TokenizerSettings.truncating(16)));
        assertThrows(IllegalArgumentException.class, () -> EncoderTokenizer.fromJson("not json", TokenizerSettings.truncating(16)));
    }

    private static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
