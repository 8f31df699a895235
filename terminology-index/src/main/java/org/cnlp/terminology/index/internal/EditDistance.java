package org.cnlp.terminology.index.internal;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, as Lucene's
 * {@code FuzzyQuery} counts them), bounded for speed.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * @param a   a word
     * @param b   another word
     * @param max the largest distance of interest
     * @return the distance between {@code a} and {@code b}, or {@code max + 1} if it is larger than {@code max}
     */
    public static int bounded(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] previous2 = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    value = Math.min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.min(rowMin, value);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[m], max + 1);
    }
}
