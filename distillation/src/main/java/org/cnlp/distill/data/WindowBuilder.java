package org.cnlp.distill.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.cnlp.model.encoder.SlidingWindow;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.pipeline.eval.EntityTypes;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * Cuts gold documents into training windows with partial-label targets.
 *
 * <p>A document (title and abstract) is tokenized whole and cut into consecutive windows of the
 * model's length. Each word's first sub-token gets the set of tags the gold allows:
 * <ul>
 *   <li>inside a mention of type {@code T}: exactly {@code B-T} on its first word, {@code I-T} on
 *       the others;</li>
 *   <li>outside every mention: {@code O}, and also {@code B-U}/{@code I-U} for every type
 *       {@code U} the corpus does not annotate, so an unmarked chemical in NCBI-disease costs
 *       nothing (the loss is the negative log of the allowed tags' total probability).</li>
 * </ul>
 * Mentions of types outside the scheme are treated as unannotated text.
 */
public final class WindowBuilder {

    private final LabelScheme scheme;
    private final EncoderTokenizer tokenizer;
    private final SlidingWindow window;

    /**
     * @param tokenizer an untruncating tokenizer that adds special tokens
     * @param maxLength tokens per window, special tokens included
     */
    public WindowBuilder(LabelScheme scheme, EncoderTokenizer tokenizer, int maxLength) {
        if (tokenizer.settings().truncate() || !tokenizer.settings().addSpecialTokens()) {
            throw new IllegalArgumentException("training windows need an untruncating tokenizer that adds special tokens");
        }
        this.scheme = scheme;
        this.tokenizer = tokenizer;
        this.window = new SlidingWindow(maxLength, 0);
    }

    /** The windows of every document of a corpus, in document order. */
    public List<TaggedWindow> windows(TrainingCorpus corpus) {
        List<TaggedWindow> out = new ArrayList<>();
        for (PubTatorDocument document : corpus.documents()) {
            out.addAll(windows(document.text(), document.mentions(), corpus.annotatedTypes(), corpus.guideline()));
        }
        return out;
    }

    /** The windows of one document, given the types its corpus annotates. */
    public List<TaggedWindow> windows(PubTatorDocument document, Set<String> annotatedTypes) {
        return windows(document.text(), document.mentions(), annotatedTypes);
    }

    /**
     * The windows of unlabelled text (knowledge-transfer data): every tag is allowed on every
     * word, so only a teacher's soft labels teach anything there.
     */
    public List<TaggedWindow> unlabelled(String text) {
        return windows(text, List.of(), Set.of());
    }

    /** The windows of a text with gold mentions, given the types the mentions' corpus annotates. */
    public List<TaggedWindow> windows(String text, List<Mention> goldMentions, Set<String> annotatedTypes) {
        return windows(text, goldMentions, annotatedTypes, 0);
    }

    /**
     * As {@link #windows(String, List, Set)}, with every token's type id set to the annotation
     * guideline the mentions follow ({@link TrainingCorpus#guideline()}).
     */
    public List<TaggedWindow> windows(String text, List<Mention> goldMentions, Set<String> annotatedTypes, int guideline) {
        TokenSequence sequence = tokenizer.encode(text);
        if (guideline != 0) {
            sequence = sequence.withTypeId(guideline);
        }
        int lead = sequence.leadingSpecials();
        int content = sequence.contentLength();
        if (content == 0) {
            return List.of();
        }
        int tags = scheme.size();
        float[] outsideAllowed = new float[tags];
        outsideAllowed[LabelScheme.OUTSIDE] = 1;
        for (int t = 0; t < scheme.types().size(); t++) {
            if (!annotatedTypes.contains(scheme.types().get(t))) {
                outsideAllowed[scheme.begin(t)] = 1;
                outsideAllowed[scheme.inside(t)] = 1;
            }
        }
        List<Mention> mentions = new ArrayList<>();
        for (Mention m : goldMentions) {
            String type = EntityTypes.normalise(m.type());
            if (scheme.typeIndex(type) >= 0 && annotatedTypes.contains(type)) {
                mentions.add(m);
            }
        }
        mentions.sort(Comparator.comparingInt(Mention::begin));
        float[] allowed = new float[content * tags];
        float[] weights = new float[content];
        int previousWord = Integer.MIN_VALUE;
        Mention previousMention = null;
        for (int i = 0; i < content; i++) {
            int token = lead + i;
            int word = sequence.wordId(token);
            boolean first = word < 0 || word != previousWord;
            previousWord = word;
            if (!first) {
                continue;
            }
            weights[i] = 1;
            Mention mention = covering(mentions, sequence.charStart(token), sequence.charEnd(token));
            if (mention == null) {
                System.arraycopy(outsideAllowed, 0, allowed, i * tags, tags);
            } else {
                int type = scheme.typeIndex(EntityTypes.normalise(mention.type()));
                allowed[i * tags + (mention == previousMention ? scheme.inside(type) : scheme.begin(type))] = 1;
            }
            previousMention = mention;
        }
        int specials = lead + sequence.trailingSpecials();
        List<TaggedWindow> out = new ArrayList<>();
        for (SlidingWindow.Window w : window.windows(content, specials)) {
            TokenSequence tokens = sequence.window(w.start(), w.end());
            float[] windowAllowed = new float[tokens.length() * tags];
            float[] windowWeights = new float[tokens.length()];
            System.arraycopy(allowed, w.start() * tags, windowAllowed, lead * tags, w.length() * tags);
            System.arraycopy(weights, w.start(), windowWeights, lead, w.length());
            out.add(new TaggedWindow(tokens, windowAllowed, windowWeights));
        }
        return out;
    }

    /** The first mention overlapping a word's first sub-token {@code [charStart, charEnd)} (a mention may start inside it). */
    private static Mention covering(List<Mention> mentions, int charStart, int charEnd) {
        for (Mention m : mentions) {
            if (m.begin() >= Math.max(charEnd, charStart + 1)) {
                return null;
            }
            if (charStart < m.end() && m.begin() < Math.max(charEnd, charStart + 1)) {
                return m;
            }
        }
        return null;
    }
}
