package org.cnlp.model.tokenizer;

import java.util.Arrays;

/**
 * One tokenized text: ids, type ids, word ids and the character span each token covers in the
 * text (UTF-16 offsets, {@code String} indices). Special tokens have word id -1 and the empty
 * span {@code [-1, -1)}. Immutable.
 */
public final class TokenSequence {

    private final long[] ids;
    private final long[] typeIds;
    private final int[] wordIds;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] special;

    TokenSequence(long[] ids, long[] typeIds, int[] wordIds, int[] starts, int[] ends, boolean[] special) {
        int n = ids.length;
        if (typeIds.length != n || wordIds.length != n || starts.length != n || ends.length != n || special.length != n) {
            throw new IllegalArgumentException("token arrays differ in length");
        }
        this.ids = ids;
        this.typeIds = typeIds;
        this.wordIds = wordIds;
        this.starts = starts;
        this.ends = ends;
        this.special = special;
    }

    /**
     * A sequence built from plain arrays (copied), for tests and synthetic inputs: type ids 0,
     * every token its own word, spans {@code [starts[i], ends[i])}; tokens with a negative start
     * are special.
     */
    public static TokenSequence of(long[] ids, int[] starts, int[] ends) {
        return of(ids, new long[ids.length], starts, ends);
    }

    /** As {@link #of(long[], int[], int[])} with segment ids (sentence pairs). */
    public static TokenSequence of(long[] ids, long[] typeIds, int[] starts, int[] ends) {
        int n = ids.length;
        int[] words = new int[n];
        boolean[] specials = new boolean[n];
        int word = 0;
        for (int i = 0; i < n; i++) {
            specials[i] = starts[i] < 0;
            words[i] = specials[i] ? -1 : word++;
        }
        return new TokenSequence(ids.clone(), typeIds.clone(), words, starts.clone(), ends.clone(), specials);
    }

    /**
     * The same tokens under other ids (a student's pruned vocabulary): words, spans and special
     * flags unchanged.
     */
    public TokenSequence withIds(long[] newIds) {
        if (newIds.length != ids.length) {
            throw new IllegalArgumentException(newIds.length + " ids for " + ids.length + " tokens");
        }
        return new TokenSequence(newIds.clone(), typeIds, wordIds, starts, ends, special);
    }

    /**
     * The same tokens with every type id set to {@code typeId}: how a text is marked with the
     * annotation guideline a model should follow (see {@code ModelBundle#guidelines()}).
     */
    public TokenSequence withTypeId(long typeId) {
        long[] types = new long[ids.length];
        Arrays.fill(types, typeId);
        return new TokenSequence(ids, types, wordIds, starts, ends, special);
    }

    /** The number of tokens. */
    public int length() {
        return ids.length;
    }

    /** The vocabulary id of token {@code i}. */
    public long id(int i) {
        return ids[i];
    }

    /** The segment (token type) id of token {@code i}. */
    public long typeId(int i) {
        return typeIds[i];
    }

    /** The index of the pre-tokenized word token {@code i} belongs to, -1 for special tokens. */
    public int wordId(int i) {
        return wordIds[i];
    }

    /** The first character of token {@code i}, -1 for special tokens. */
    public int charStart(int i) {
        return starts[i];
    }

    /** One past the last character of token {@code i}, -1 for special tokens. */
    public int charEnd(int i) {
        return ends[i];
    }

    /** Whether token {@code i} is a special token ({@code [CLS]}, {@code [SEP]}, ...). */
    public boolean isSpecial(int i) {
        return special[i];
    }

    /** The ids (a copy). */
    public long[] ids() {
        return ids.clone();
    }

    /** Special tokens before the first text token. */
    public int leadingSpecials() {
        int count = 0;
        while (count < special.length && special[count]) {
            count++;
        }
        return count;
    }

    /** Special tokens after the last text token (0 when every token is special). */
    public int trailingSpecials() {
        int lead = leadingSpecials();
        int count = 0;
        while (count < special.length - lead && special[special.length - 1 - count]) {
            count++;
        }
        return count;
    }

    /** The number of tokens between the leading and the trailing special tokens. */
    public int contentLength() {
        return ids.length - leadingSpecials() - trailingSpecials();
    }

    /**
     * The leading special tokens, content tokens {@code [from, to)} (content indices, 0 = first
     * token after the leading specials) and the trailing special tokens: one window of a long text.
     */
    public TokenSequence window(int from, int to) {
        int lead = leadingSpecials();
        int trail = trailingSpecials();
        int content = ids.length - lead - trail;
        if (from < 0 || to < from || to > content) {
            throw new IndexOutOfBoundsException("window [" + from + ", " + to + ") of " + content + " content tokens");
        }
        int n = lead + (to - from) + trail;
        int[] pick = new int[n];
        int k = 0;
        for (int i = 0; i < lead; i++) {
            pick[k++] = i;
        }
        for (int i = from; i < to; i++) {
            pick[k++] = lead + i;
        }
        for (int i = ids.length - trail; i < ids.length; i++) {
            pick[k++] = i;
        }
        long[] newIds = new long[n];
        long[] newTypes = new long[n];
        int[] newWords = new int[n];
        int[] newStarts = new int[n];
        int[] newEnds = new int[n];
        boolean[] newSpecial = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = pick[i];
            newIds[i] = ids[j];
            newTypes[i] = typeIds[j];
            newWords[i] = wordIds[j];
            newStarts[i] = starts[j];
            newEnds[i] = ends[j];
            newSpecial[i] = special[j];
        }
        return new TokenSequence(newIds, newTypes, newWords, newStarts, newEnds, newSpecial);
    }

    @Override
    public String toString() {
        return "TokenSequence" + Arrays.toString(ids);
    }
}
