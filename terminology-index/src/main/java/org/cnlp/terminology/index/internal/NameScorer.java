package org.cnlp.terminology.index.internal;

/**
 * Word-level similarity between a query and a name, both as {@link NameTerms}: each query word is paired
 * with the best unused name word (same token or stem: 1; with fuzzy matching, a word with the same first
 * letter within the allowed edits: {@code 1 - edits / longer length}), and the similarity is the Dice coefficient of the pairing,
 * {@code 2 * sum / (query words + name words)}. Pairings where no paired query word has a letter and
 * two characters ({@code 5} in {@code 5-FU} pairing with {@code otosclerosis 5}) do not count. Stateless.
 */
public final class NameScorer {

    private NameScorer() {
    }

    /**
     * How a query aligns with a name.
     *
     * @param similarity   Dice similarity in 0..1
     * @param fuzzy        whether a pair needed edits
     * @param sameSequence whether every word paired in order with nothing left over (same words, same order)
     */
    public record Alignment(double similarity, boolean fuzzy, boolean sameSequence) {

        /** No overlap. */
        public static final Alignment NONE = new Alignment(0, false, false);
    }

    /**
     * The most edits a fuzzy word match allows for a query word: none below 4 characters, 1 up to 7, then 2.
     *
     * @param length a query word's length
     * @return the allowed edits
     */
    public static int maxEdits(int length) {
        if (length < 4) {
            return 0;
        }
        return length < 8 ? 1 : 2;
    }

    /**
     * Aligns a query with a name.
     *
     * @param query the query's words
     * @param name  the name's words
     * @param fuzzy whether words may match within edits
     * @return the alignment ({@link Alignment#NONE} if no word pairs)
     */
    public static Alignment align(NameTerms query, NameTerms name, boolean fuzzy) {
        int q = query.size();
        int n = name.size();
        if (q == 0 || n == 0 || (!fuzzy && (query.signature() & name.signature()) == 0)) {
            return Alignment.NONE;
        }
        boolean[] used = new boolean[n];
        double sum = 0;
        boolean anyFuzzy = false;
        boolean informative = false;
        boolean inOrder = q == n;
        for (int i = 0; i < q; i++) {
            double best = 0;
            int bestJ = -1;
            boolean bestFuzzy = false;
            for (int j = 0; j < n && best < 1; j++) {
                if (used[j]) {
                    continue;
                }
                if (query.token(i).equals(name.token(j)) || query.stem(i).equals(name.stem(j))) {
                    best = 1;
                    bestJ = j;
                    bestFuzzy = false;
                } else if (fuzzy) {
                    double similarity = fuzzySimilarity(query.token(i), name.token(j));
                    similarity = Math.max(similarity, fuzzySimilarity(query.stem(i), name.stem(j)));
                    if (similarity > best) {
                        best = similarity;
                        bestJ = j;
                        bestFuzzy = true;
                    }
                }
            }
            if (bestJ < 0) {
                inOrder = false;
                continue;
            }
            used[bestJ] = true;
            sum += best;
            informative |= isInformative(query.token(i));
            anyFuzzy |= bestFuzzy;
            inOrder &= bestJ == i;
        }
        if (sum == 0 || !informative) {
            return Alignment.NONE;
        }
        return new Alignment(2 * sum / (q + n), anyFuzzy, inOrder && !anyFuzzy);
    }

    private static boolean isInformative(String word) {
        if (word.length() < 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetter(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static double fuzzySimilarity(String queryWord, String nameWord) {
        int max = maxEdits(queryWord.length());
        if (max == 0 || nameWord.length() < 4 || queryWord.charAt(0) != nameWord.charAt(0)) {
            return 0;
        }
        int edits = EditDistance.bounded(queryWord, nameWord, max);
        if (edits > max) {
            return 0;
        }
        return 1 - (double) edits / Math.max(queryWord.length(), nameWord.length());
    }
}
