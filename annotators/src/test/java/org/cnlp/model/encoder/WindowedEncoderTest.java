package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.model.weights.WeightSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sliding windows over long texts: merge, exact character offsets, equality with single passes. */
class WindowedEncoderTest {

    private static final long SEED = 7L;
    private static EncoderTokenizer tokenizer;

    @BeforeAll
    static void tokenizer() {
        tokenizer = EncoderTokenizer.fromJson(TinyModels.tokenizerJson(), TokenizerSettings.untruncated(16));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void everyTokenComesBackOnceWithItsIdSpanAndAWellPlacedWindow() {
        String text = randomText(new SplittableRandom(SEED), 60);
        TokenSequence full = tokenizer.encode(text);
        SlidingWindow window = new SlidingWindow(16, 6);
        try (TokenModel probe = TokenModel.create(new ProbeBlock(64), WeightSet.of(Map.of()), Device.cpu())) {
            TokenOutputs outputs = new WindowedEncoder(probe, tokenizer, window, 3).encode(text);
            assertEquals(full.contentLength(), outputs.size());
            assertTrue(outputs.size() > 3 * 14, "the text needs several windows: " + outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                assertEquals(full.id(i + 1), (long) outputs.get(i, 1), "token " + i + " comes from the right row");
                assertEquals(full.charStart(i + 1), outputs.charStart(i));
                assertEquals(full.charEnd(i + 1), outputs.charEnd(i));
                assertEquals(full.wordId(i + 1), outputs.wordId(i));
                int position = (int) outputs.get(i, 0);
                assertTrue(position >= 1 && position <= 14, "inside a window, after [CLS]: " + position);
                int left = position - 1;
                int right = 14 - position;
                boolean nearEdge = i < 14 || i >= outputs.size() - 14;
                assertTrue(nearEdge || Math.min(left, right) >= 2, "token " + i + " kept a window with context " + left + "/" + right);
            }
            for (int i = 0; i < outputs.size(); i++) {
                String covered = text.substring(outputs.charStart(i), outputs.charEnd(i));
                assertTrue(!covered.isBlank() && covered.equals(covered.strip()), "exact span '" + covered + "'");
            }
            int[] span = outputs.span(0, outputs.size());
            assertEquals(text.strip(), text.substring(span[0], span[1]));
        }
    }

    @Test
    void aTextThatFitsGivesTheSinglePassOutput() {
        BertConfig config = TinyModels.config();
        String text = "The patient denies fever, cough and chest pain today.";
        try (TokenModel model = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, SEED), Device.cpu())) {
            TokenOutputs windowed = new WindowedEncoder(model, tokenizer, new SlidingWindow(16, 4), 8).encode(text);
            TokenSequence sequence = tokenizer.encode(text);
            float[] single = model.forward(EncoderBatch.of(List.of(sequence), 0)).getFirst();
            int width = config.hiddenSize();
            assertEquals(sequence.length() - 2, windowed.size());
            for (int i = 0; i < windowed.size(); i++) {
                for (int k = 0; k < width; k++) {
                    assertEquals(single[(i + 1) * width + k], windowed.get(i, k), 1e-5f);
                }
            }
        }
    }

    @Test
    void eachMergedVectorIsItsOwnerWindowsOutput() {
        BertConfig config = TinyModels.config();
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> texts = List.of(randomText(random, 40), "", "fever.", randomText(random, 25));
        SlidingWindow window = new SlidingWindow(16, 5);
        try (TokenModel model = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, SEED), Device.cpu())) {
            List<TokenOutputs> all = new WindowedEncoder(model, tokenizer, window, 4).encode(texts);
            assertEquals(texts.size(), all.size());
            assertEquals(0, all.get(1).size());
            int width = config.hiddenSize();
            for (int d = 0; d < texts.size(); d++) {
                TokenSequence full = tokenizer.encode(texts.get(d));
                int content = full.contentLength();
                if (content == 0) {
                    continue;
                }
                List<SlidingWindow.Window> windows = window.windows(content, 2);
                int[] owners = SlidingWindow.owners(windows, content);
                List<float[]> alone = new ArrayList<>();
                for (SlidingWindow.Window w : windows) {
                    alone.add(model.forward(EncoderBatch.of(List.of(full.window(w.start(), w.end())), 0)).getFirst());
                }
                for (int i = 0; i < content; i++) {
                    SlidingWindow.Window owner = windows.get(owners[i]);
                    float[] ownerOutput = alone.get(owners[i]);
                    int row = 1 + i - owner.start();
                    for (int k = 0; k < width; k++) {
                        assertEquals(ownerOutput[row * width + k], all.get(d).get(i, k), 1e-5f, "text " + d + " token " + i);
                    }
                }
            }
        }
    }

    @Test
    void concurrentCallsAgreeAndLeaveNoNativeArraysBehind() throws Exception {
        BertConfig config = TinyModels.config();
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(randomText(random, 5 + random.nextInt(40)));
        }
        try (TokenModel model = TokenModel.create(new BertEncoder(config), TinyModels.weights(config, SEED), Device.cpu())) {
            WindowedEncoder encoder = new WindowedEncoder(model, tokenizer, new SlidingWindow(16, 4), 4);
            int arrays = model.liveArrayCount();
            List<TokenOutputs> expected = encoder.encode(texts);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                int offset = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int round = 0; round < 5; round++) {
                            int i = (offset + round) % texts.size();
                            TokenOutputs got = encoder.encode(texts.get(i));
                            for (int tok = 0; tok < got.size(); tok++) {
                                assertArrayEquals(expected.get(i).vector(tok), got.vector(tok), 1e-5f);
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(arrays, model.liveArrayCount(), "every batch's arrays were released");
        }
    }

    @Test
    void refusesSettingsThatCannotWork() {
        try (TokenModel probe = TokenModel.create(new ProbeBlock(12), WeightSet.of(Map.of()), Device.cpu());
                EncoderTokenizer truncating = EncoderTokenizer.fromJson(TinyModels.tokenizerJson(), TokenizerSettings.truncating(12))) {
            assertThrows(IllegalArgumentException.class, () -> new WindowedEncoder(probe, truncating, new SlidingWindow(12, 2), 4));
            assertThrows(IllegalArgumentException.class, () -> new WindowedEncoder(probe, tokenizer, new SlidingWindow(16, 2), 4));
            assertThrows(IllegalArgumentException.class, () -> new WindowedEncoder(probe, tokenizer, new SlidingWindow(12, 2), 0));
        }
    }

    static String randomText(SplittableRandom random, int words) {
        List<String> vocabulary = TinyModels.VOCAB.stream().filter(w -> !w.startsWith("[") && !w.startsWith("##")).toList();
        StringBuilder text = new StringBuilder("  ");
        for (int i = 0; i < words; i++) {
            String word = vocabulary.get(random.nextInt(vocabulary.size()));
            text.append(random.nextInt(5) == 0 ? word.toUpperCase(Locale.ROOT) : word);
            text.append(random.nextInt(7) == 0 ? "\n" : " ");
        }
        return text.append(" ").toString();
    }
}
