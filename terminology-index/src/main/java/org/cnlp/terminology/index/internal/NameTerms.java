package org.cnlp.terminology.index.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The content words of a name, each as a token (as the {@code name_token} field holds it) and a stem (as
 * the {@code name_stem} field holds it), in order. Immutable.
 */
public final class NameTerms {

    private static final NameTerms EMPTY = new NameTerms(new String[0], new String[0]);

    private final String[] tokens;
    private final String[] stems;
    private final long signature;

    private NameTerms(String[] tokens, String[] stems) {
        this.tokens = tokens;
        this.stems = stems;
        long bits = 0;
        for (int i = 0; i < tokens.length; i++) {
            bits |= 1L << (tokens[i].hashCode() & 63) | 1L << (stems[i].hashCode() & 63);
        }
        this.signature = bits;
    }

    /** @return a name without content words */
    public static NameTerms empty() {
        return EMPTY;
    }

    /**
     * Analyses a name.
     *
     * @param analyzer a {@link TermPairAnalyzer}
     * @param text     the name
     * @return its content words
     */
    public static NameTerms of(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String value = term.toString();
                if (keyword.isKeyword() || increment.getPositionIncrement() > 0 || tokens.isEmpty()) {
                    tokens.add(value);
                    stems.add(value);
                } else {
                    stems.set(stems.size() - 1, value);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse a name", e);
        }
        if (tokens.isEmpty()) {
            return EMPTY;
        }
        return new NameTerms(tokens.toArray(String[]::new), stems.toArray(String[]::new));
    }

    /** @return the number of content words */
    public int size() {
        return tokens.length;
    }

    /** @return whether there is no content word */
    public boolean isEmpty() {
        return tokens.length == 0;
    }

    /**
     * @param i a position
     * @return the token at {@code i}
     */
    public String token(int i) {
        return tokens[i];
    }

    /**
     * @param i a position
     * @return the stem at {@code i}
     */
    public String stem(int i) {
        return stems[i];
    }

    /**
     * A 64-bit set of the hashes of the tokens and stems: two names whose signatures do not intersect share no
     * token and no stem.
     *
     * @return the signature
     */
    public long signature() {
        return signature;
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }
}
