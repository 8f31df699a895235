package org.cnlp.model.ner;

import java.util.ArrayList;
import java.util.List;
import org.cnlp.model.encoder.TokenOutputs;

/**
 * Turns per-token tag logits into entity spans. A word's tag is the most probable tag of its
 * first sub-token (the one trained on); its other sub-tokens follow it. {@code B-T} opens a
 * span, {@code I-T} continues a span of type {@code T} and otherwise opens one (a lenient repair
 * of an invalid BIO sequence), {@code O} closes it. A span runs from its first word's first
 * character to its last word's last character, so offsets are exact in the original text.
 */
public final class BioDecoder {

    private final LabelScheme scheme;

    public BioDecoder(LabelScheme scheme) {
        this.scheme = scheme;
    }

    /** The spans in one text's outputs (whose width must be the scheme's tag count). */
    public List<NerSpan> decode(TokenOutputs logits) {
        if (logits.width() != scheme.size()) {
            throw new IllegalArgumentException("outputs have " + logits.width() + " values per token, the scheme has "
                    + scheme.size() + " tags");
        }
        List<NerSpan> spans = new ArrayList<>();
        Open open = null;
        int previousWord = Integer.MIN_VALUE;
        float[] probabilities = new float[scheme.size()];
        for (int i = 0; i < logits.size(); i++) {
            int word = logits.wordId(i);
            boolean continuation = word >= 0 && word == previousWord;
            previousWord = word;
            if (continuation) {
                if (open != null) {
                    open.end = Math.max(open.end, logits.charEnd(i));
                }
                continue;
            }
            int tag = softmaxArgmax(logits, i, probabilities);
            if (tag == LabelScheme.OUTSIDE) {
                open = close(open, spans);
                continue;
            }
            int type = (tag - 1) / 2;
            if (open != null && !scheme.isBegin(tag) && open.type == type) {
                open.end = logits.charEnd(i);
                open.probabilitySum += probabilities[tag];
                open.words++;
            } else {
                close(open, spans);
                open = new Open(type, logits.charStart(i), logits.charEnd(i), probabilities[tag]);
            }
        }
        close(open, spans);
        return spans;
    }

    private Open close(Open open, List<NerSpan> spans) {
        if (open != null && open.end > open.begin) {
            spans.add(new NerSpan(scheme.types().get(open.type), open.begin, open.end, open.probabilitySum / open.words));
        }
        return null;
    }

    private static int softmaxArgmax(TokenOutputs logits, int token, float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        int best = 0;
        for (int k = 0; k < out.length; k++) {
            float v = logits.get(token, k);
            if (v > max) {
                max = v;
                best = k;
            }
        }
        double sum = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) Math.exp(logits.get(token, k) - max);
            sum += out[k];
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= (float) sum;
        }
        return best;
    }

    private static final class Open {
        final int type;
        final int begin;
        int end;
        double probabilitySum;
        int words = 1;

        Open(int type, int begin, int end, double probability) {
            this.type = type;
            this.begin = begin;
            this.end = end;
            this.probabilitySum = probability;
        }
    }
}
