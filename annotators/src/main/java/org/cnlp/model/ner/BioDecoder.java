package org.cnlp.model.ner;

import java.util.ArrayList;
import java.util.List;
import org.cnlp.model.encoder.TokenOutputs;

/**
 * Turns per-token tag logits into entity spans. A word's tag scores are those of its first
 * sub-token (the one trained on); its other sub-tokens follow it. The decoder picks the most
 * probable tag sequence that is valid BIO (Viterbi over the words' log-probabilities): {@code I-T}
 * only after {@code B-T} or {@code I-T}, never first. Taking each word's best tag on its own
 * instead must repair invalid steps after the fact ({@code B-Disease O I-Disease} becomes two
 * spans, "[acute] radiation [toxicity]"), where the whole sequence's odds usually make the middle
 * word part of the span or the last one outside it; that repair cost about one point of F1 on
 * the dev sets.
 *
 * <p>A span runs from its first word's first character to its last word's last character, so
 * offsets are exact in the original text; its confidence is the mean probability of its words'
 * chosen tags.
 */
public final class BioDecoder {

    private final LabelScheme scheme;
    /** {@code allowed[previous][current]}: whether tag {@code current} may follow tag {@code previous}. */
    private final boolean[][] allowed;
    /** Whether a tag may start the text. */
    private final boolean[] mayStart;

    public BioDecoder(LabelScheme scheme) {
        this.scheme = scheme;
        int k = scheme.size();
        allowed = new boolean[k][k];
        mayStart = new boolean[k];
        for (int current = 0; current < k; current++) {
            boolean inside = current != LabelScheme.OUTSIDE && !scheme.isBegin(current);
            mayStart[current] = !inside;
            for (int previous = 0; previous < k; previous++) {
                allowed[previous][current] = !inside || (previous != LabelScheme.OUTSIDE && type(previous) == type(current));
            }
        }
    }

    /** The spans in one text's outputs (whose width must be the scheme's tag count). */
    public List<NerSpan> decode(TokenOutputs logits) {
        if (logits.width() != scheme.size()) {
            throw new IllegalArgumentException("outputs have " + logits.width() + " values per token, the scheme has "
                    + scheme.size() + " tags");
        }
        List<int[]> words = words(logits);
        int n = words.size();
        int k = scheme.size();
        if (n == 0) {
            return List.of();
        }
        double[][] logProbabilities = new double[n][k];
        for (int w = 0; w < n; w++) {
            logSoftmax(logits, words.get(w)[0], logProbabilities[w]);
        }
        int[] tags = viterbi(logProbabilities);
        List<NerSpan> spans = new ArrayList<>();
        int begin = -1;
        int end = -1;
        int type = -1;
        double probabilitySum = 0;
        int count = 0;
        for (int w = 0; w < n; w++) {
            int tag = tags[w];
            if (begin >= 0 && (tag == LabelScheme.OUTSIDE || scheme.isBegin(tag))) {
                add(spans, type, begin, end, probabilitySum / count);
                begin = -1;
            }
            if (tag == LabelScheme.OUTSIDE) {
                continue;
            }
            if (begin < 0) {
                begin = words.get(w)[1];
                type = type(tag);
                probabilitySum = 0;
                count = 0;
            }
            end = words.get(w)[2];
            probabilitySum += Math.exp(logProbabilities[w][tag]);
            count++;
        }
        if (begin >= 0) {
            add(spans, type, begin, end, probabilitySum / count);
        }
        return spans;
    }

    private void add(List<NerSpan> spans, int type, int begin, int end, double confidence) {
        if (end > begin) {
            spans.add(new NerSpan(scheme.types().get(type), begin, end, confidence));
        }
    }

    /** Each word as {first token, first character, one past its last character}. */
    private static List<int[]> words(TokenOutputs logits) {
        List<int[]> words = new ArrayList<>();
        int previousWord = Integer.MIN_VALUE;
        for (int i = 0; i < logits.size(); i++) {
            int word = logits.wordId(i);
            if (word >= 0 && word == previousWord) {
                int[] last = words.getLast();
                last[2] = Math.max(last[2], logits.charEnd(i));
                continue;
            }
            previousWord = word;
            words.add(new int[] {i, logits.charStart(i), logits.charEnd(i)});
        }
        return words;
    }

    /** The most probable valid tag sequence; ties go to the lower tag index. */
    private int[] viterbi(double[][] logProbabilities) {
        int n = logProbabilities.length;
        int k = scheme.size();
        double[] score = new double[k];
        double[] next = new double[k];
        int[][] back = new int[n][k];
        for (int t = 0; t < k; t++) {
            score[t] = mayStart[t] ? logProbabilities[0][t] : Double.NEGATIVE_INFINITY;
        }
        for (int w = 1; w < n; w++) {
            for (int current = 0; current < k; current++) {
                double best = Double.NEGATIVE_INFINITY;
                int from = 0;
                for (int previous = 0; previous < k; previous++) {
                    if (allowed[previous][current] && score[previous] > best) {
                        best = score[previous];
                        from = previous;
                    }
                }
                next[current] = best + logProbabilities[w][current];
                back[w][current] = from;
            }
            double[] swap = score;
            score = next;
            next = swap;
        }
        int[] tags = new int[n];
        int last = 0;
        for (int t = 1; t < k; t++) {
            if (score[t] > score[last]) {
                last = t;
            }
        }
        tags[n - 1] = last;
        for (int w = n - 1; w > 0; w--) {
            tags[w - 1] = back[w][tags[w]];
        }
        return tags;
    }

    private static int type(int tag) {
        return (tag - 1) / 2;
    }

    private static void logSoftmax(TokenOutputs logits, int token, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < out.length; t++) {
            max = Math.max(max, logits.get(token, t));
        }
        double sum = 0;
        for (int t = 0; t < out.length; t++) {
            sum += Math.exp(logits.get(token, t) - max);
        }
        double logSum = max + Math.log(sum);
        for (int t = 0; t < out.length; t++) {
            out[t] = logits.get(token, t) - logSum;
        }
    }
}
