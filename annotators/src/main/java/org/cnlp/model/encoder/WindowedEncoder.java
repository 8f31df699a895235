package org.cnlp.model.encoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TokenModel} over whole texts of any length: tokenizes each text untruncated,
 * cuts it into {@link SlidingWindow} windows framed by the tokenizer's special tokens, runs the
 * windows of all texts in length-sorted batches, and merges the windows back into one output
 * per text token with its exact character span.
 *
 * <p>Thread-safe when the model and tokenizer are (they are); it borrows both and closes neither.
 */
public final class WindowedEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(WindowedEncoder.class);

    private final TokenRunner model;
    private final EncoderTokenizer tokenizer;
    private final SlidingWindow window;
    private final int batchSize;

    /**
     * @param tokenizer an untruncating tokenizer with special tokens
     *     ({@code TokenizerSettings.untruncated(maxLength)})
     * @param window window length and stride; the length must fit the model's positions
     * @param batchSize windows per forward pass
     */
    public WindowedEncoder(TokenRunner model, EncoderTokenizer tokenizer, SlidingWindow window, int batchSize) {
        if (tokenizer.settings().truncate() || !tokenizer.settings().addSpecialTokens()) {
            throw new IllegalArgumentException("the windowed encoder needs an untruncating tokenizer that adds special tokens");
        }
        if (window.maxLength() > model.maxSequenceLength()) {
            throw new IllegalArgumentException("window length " + window.maxLength() + " exceeds the model's "
                    + model.maxSequenceLength() + " positions");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.window = window;
        this.batchSize = batchSize;
    }

    /** The outputs for one text. */
    public TokenOutputs encode(String text) {
        return encode(List.of(text)).getFirst();
    }

    /** The outputs for each text, in order. */
    public List<TokenOutputs> encode(List<String> texts) {
        return encode(texts, 0);
    }

    /**
     * The outputs for each text, in order, with every token's type id set to {@code typeId} (the
     * annotation guideline the model should follow; 0 is the tokenizer's own single-text type).
     */
    public List<TokenOutputs> encode(List<String> texts, int typeId) {
        List<TokenSequence> sequences = tokenizer.encode(texts);
        if (typeId != 0) {
            sequences = sequences.stream().map(s -> s.withTypeId(typeId)).toList();
        }
        List<Piece> pieces = new ArrayList<>();
        List<List<SlidingWindow.Window>> windowsOf = new ArrayList<>(sequences.size());
        for (int d = 0; d < sequences.size(); d++) {
            TokenSequence sequence = sequences.get(d);
            int specials = sequence.leadingSpecials() + sequence.trailingSpecials();
            int content = sequence.contentLength();
            List<SlidingWindow.Window> windows = content == 0 ? List.of() : window.windows(content, specials);
            windowsOf.add(windows);
            for (int w = 0; w < windows.size(); w++) {
                SlidingWindow.Window span = windows.get(w);
                pieces.add(new Piece(d, w, sequence.window(span.start(), span.end())));
            }
        }
        float[][][] outputs = run(pieces, sequences.size(), windowsOf);
        List<TokenOutputs> results = new ArrayList<>(sequences.size());
        for (int d = 0; d < sequences.size(); d++) {
            results.add(merge(sequences.get(d), windowsOf.get(d), outputs[d]));
        }
        LOG.debug("encoded {} texts as {} windows", texts.size(), pieces.size());
        return results;
    }

    private float[][][] run(List<Piece> pieces, int documents, List<List<SlidingWindow.Window>> windowsOf) {
        float[][][] outputs = new float[documents][][];
        for (int d = 0; d < documents; d++) {
            outputs[d] = new float[windowsOf.get(d).size()][];
        }
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingInt((Piece p) -> p.tokens().length()).reversed());
        for (int from = 0; from < sorted.size(); from += batchSize) {
            List<Piece> group = sorted.subList(from, Math.min(from + batchSize, sorted.size()));
            EncoderBatch batch = EncoderBatch.of(group.stream().map(Piece::tokens).toList(), tokenizer.padId());
            List<float[]> rows = model.forward(batch);
            for (int i = 0; i < group.size(); i++) {
                outputs[group.get(i).document()][group.get(i).window()] = rows.get(i);
            }
        }
        return outputs;
    }

    private TokenOutputs merge(TokenSequence sequence, List<SlidingWindow.Window> windows, float[][] outputs) {
        int width = model.outputSize();
        int content = sequence.contentLength();
        int lead = sequence.leadingSpecials();
        float[] values = new float[content * width];
        int[] starts = new int[content];
        int[] ends = new int[content];
        int[] words = new int[content];
        int[] owners = content == 0 ? new int[0] : SlidingWindow.owners(windows, content);
        for (int i = 0; i < content; i++) {
            SlidingWindow.Window owner = windows.get(owners[i]);
            int row = lead + (i - owner.start());
            System.arraycopy(outputs[owners[i]], row * width, values, i * width, width);
            starts[i] = sequence.charStart(lead + i);
            ends[i] = sequence.charEnd(lead + i);
            words[i] = sequence.wordId(lead + i);
        }
        return new TokenOutputs(width, values, starts, ends, words);
    }

    private record Piece(int document, int window, TokenSequence tokens) {}
}
