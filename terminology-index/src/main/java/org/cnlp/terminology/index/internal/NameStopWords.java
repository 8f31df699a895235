package org.cnlp.terminology.index.internal;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;

/**
 * Function words ignored when names are compared word by word ({@code cancer of the breast} has the
 * content words {@code cancer}, {@code breast}). Smaller than Lucene's English list on purpose: letters
 * and negations carry meaning in names ({@code hepatitis A}, {@code vitamin A}, {@code no}).
 */
public final class NameStopWords {

    private static final CharArraySet SET = CharArraySet.unmodifiableSet(new CharArraySet(
            List.of("of", "the", "in", "and", "with", "to", "for", "by", "on", "at", "or", "an", "from", "as"),
            false));

    private NameStopWords() {
    }

    /** @return the unmodifiable stop word set */
    public static CharArraySet set() {
        return SET;
    }
}
