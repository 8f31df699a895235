package org.cnlp.annotators.lookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory longest-match dictionary over token sequences, built once from the terminology
 * index. Names are stored as sequences of normalised tokens, so a match always covers whole
 * tokens: "baby to" can never match "baby tooth". Immutable after {@link Builder#build()} and
 * safe to share between threads.
 *
 * <p>Plain Java: it knows nothing of UIMA. The annotator turns CAS tokens into
 * {@link LookupToken}s and matches back into annotations.
 */
public final class ConceptDictionary {

    /**
     * A concept reachable by one dictionary name. Lower {@code rank} wins among candidates.
     * An {@code abbreviation} only matches text written in capitals ("MI", not "mi").
     */
    public record Entry(String conceptId, String name, boolean preferred, int rank, boolean abbreviation) {
    }

    /**
     * A token as the dictionary sees it.
     *
     * @param norm lower-cased, accent-folded form
     * @param upperCase the token is written in capitals (abbreviations such as "MI", "ALL")
     * @param skippable a hyphen or similar that names may or may not contain ("non-small" vs "non small")
     */
    public record LookupToken(String norm, boolean upperCase, boolean skippable) {
    }

    /** A match over tokens [begin, end) of the input, with its candidates best first. */
    public record Match(int begin, int end, List<Entry> entries) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator
            .comparing((Entry e) -> !e.preferred())
            .thenComparingInt(Entry::rank)
            .thenComparing(Entry::conceptId);

    private final Node root;
    private final int names;
    private final int shortNameLength;

    private ConceptDictionary(Node root, int names, int shortNameLength) {
        this.root = root;
        this.names = names;
        this.shortNameLength = shortNameLength;
    }

    public static Builder builder(int shortNameLength) {
        return new Builder(shortNameLength);
    }

    /** Number of distinct names added. */
    public int size() {
        return names;
    }

    /**
     * Finds the longest non-overlapping matches, scanning left to right. A single-token name of
     * at most {@code shortNameLength} characters, and a name known only as an abbreviation, only
     * match text whose first token is written in capitals, so common words ("all", "was", "cat")
     * are not read as the abbreviations they collide with.
     */
    public List<Match> findAll(List<LookupToken> tokens) {
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match longest = longestAt(tokens, i);
            if (longest == null) {
                i++;
            } else {
                matches.add(longest);
                i = longest.end();
            }
        }
        return matches;
    }

    private Match longestAt(List<LookupToken> tokens, int start) {
        if (tokens.get(start).skippable()) {
            return null;
        }
        Node node = root;
        Node bestNode = null;
        int bestEnd = -1;
        int matchedTokens = 0;
        for (int i = start; i < tokens.size(); i++) {
            LookupToken token = tokens.get(i);
            if (token.skippable()) {
                continue;
            }
            Node next = node.child(token.norm());
            if (next == null) {
                next = node.child(singular(token.norm()));
            }
            if (next == null) {
                break;
            }
            node = next;
            matchedTokens++;
            if (node.entries != null && acceptable(node, tokens.get(start), matchedTokens)) {
                bestNode = node;
                bestEnd = i + 1;
            }
        }
        return bestNode == null ? null : new Match(start, bestEnd, bestNode.entries);
    }

    private boolean acceptable(Node node, LookupToken first, int matchedTokens) {
        if (first.upperCase()) {
            return true;
        }
        return !node.abbreviationsOnly && (matchedTokens > 1 || node.keyLength > shortNameLength);
    }

    /** English plural to singular, only for the lookup fallback: "tumors" finds "tumor". */
    static String singular(String norm) {
        int n = norm.length();
        if (n > 4 && norm.endsWith("ies")) {
            return norm.substring(0, n - 3) + "y";
        }
        if (n > 4 && (norm.endsWith("ches") || norm.endsWith("shes") || norm.endsWith("sses") || norm.endsWith("xes"))) {
            return norm.substring(0, n - 2);
        }
        if (n > 3 && norm.endsWith("s") && !norm.endsWith("ss") && !norm.endsWith("us") && !norm.endsWith("is")) {
            return norm.substring(0, n - 1);
        }
        return norm;
    }

    private static final class Node {
        private Map<String, Node> children;
        private List<Entry> entries;
        private int keyLength;
        private boolean abbreviationsOnly;

        Node child(String norm) {
            return children == null ? null : children.get(norm);
        }
    }

    /** Collects names; not thread-safe. */
    public static final class Builder {
        private final Node root = new Node();
        private final int shortNameLength;
        private int names;

        private Builder(int shortNameLength) {
            this.shortNameLength = shortNameLength;
        }

        /**
         * Adds a name given as its normalised tokens (skippable tokens already removed).
         * Empty token lists are ignored.
         */
        public Builder add(List<String> tokenNorms, Entry entry) {
            if (tokenNorms.isEmpty()) {
                return this;
            }
            Node node = root;
            int length = 0;
            for (String norm : tokenNorms) {
                if (node.children == null) {
                    node.children = new HashMap<>(4);
                }
                node = node.children.computeIfAbsent(norm, k -> new Node());
                length += norm.length();
            }
            if (node.entries == null) {
                node.entries = new ArrayList<>(2);
                node.keyLength = length;
                node.abbreviationsOnly = true;
                names++;
            }
            node.abbreviationsOnly &= entry.abbreviation();
            for (Entry existing : node.entries) {
                if (existing.conceptId().equals(entry.conceptId())) {
                    if (BEST_FIRST.compare(entry, existing) < 0) {
                        node.entries.set(node.entries.indexOf(existing), entry);
                        node.entries.sort(BEST_FIRST);
                    }
                    return this;
                }
            }
            node.entries.add(entry);
            node.entries.sort(BEST_FIRST);
            return this;
        }

        public ConceptDictionary build() {
            freeze(root);
            return new ConceptDictionary(root, names, shortNameLength);
        }

        private static void freeze(Node node) {
            if (node.entries != null) {
                node.entries = List.copyOf(node.entries);
            }
            if (node.children != null) {
                node.children = Map.copyOf(node.children);
                node.children.values().forEach(Builder::freeze);
            }
        }
    }
}
