package org.cnlp.annotators.assertion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cnlp.annotators.internal.LineResources;
import org.cnlp.annotators.token.TokenKind;
import org.cnlp.annotators.token.TokenNormalizer;
import org.cnlp.annotators.token.Tokenizer;

/**
 * ConText triggers, pseudo-triggers and termination terms, read from a tab-separated lexicon
 * (format documented in the bundled {@code context-lexicon.tsv}). Phrases are tokenized with
 * {@link Tokenizer#standard()} and compared on token norms, hyphens ignored. Immutable and thread
 * safe.
 */
public final class AssertionLexicon {

    /** Bundled lexicon, next to this class. */
    public static final String BUNDLED = "context-lexicon.tsv";

    /** Which way a trigger's scope runs from it. */
    enum Direction { FORWARD, BACKWARD, BOTH }

    /** What a lexicon entry does. */
    enum Kind { TRIGGER, PSEUDO, TERMINATE }

    /**
     * One entry. For a trigger, {@code categories} are what it sets; for a termination term, the
     * categories whose scope it ends; empty for a pseudo-trigger.
     */
    record Rule(List<String> norms, Kind kind, Set<TriggerCategory> categories, Direction direction) {
    }

    /** A rule found at tokens {@code [start, end)}. */
    record Match(Rule rule, int start, int end) {
    }

    private final Map<String, List<Rule>> byFirstNorm;
    private final int size;

    private AssertionLexicon(Map<String, List<Rule>> byFirstNorm, int size) {
        this.byFirstNorm = Map.copyOf(byFirstNorm);
        this.size = size;
    }

    /** The lexicon shipped with the annotator. */
    public static AssertionLexicon bundled() {
        return parse(LineResources.fromClasspath(AssertionLexicon.class, BUNDLED));
    }

    /** Parses lexicon lines. */
    public static AssertionLexicon parse(List<String> lines) {
        Tokenizer tokenizer = Tokenizer.standard();
        Map<String, List<Rule>> byFirst = new HashMap<>();
        for (String line : lines) {
            Rule rule = parseRule(line, tokenizer);
            byFirst.computeIfAbsent(rule.norms().getFirst(), k -> new ArrayList<>()).add(rule);
        }
        Map<String, List<Rule>> sorted = new HashMap<>();
        byFirst.forEach((first, rules) -> sorted.put(first, rules.stream()
                .sorted(Comparator.comparingInt((Rule r) -> r.norms().size()).reversed()
                        .thenComparing(r -> r.kind() != Kind.PSEUDO))
                .toList()));
        return new AssertionLexicon(sorted, lines.size());
    }

    private static Rule parseRule(String line, Tokenizer tokenizer) {
        String[] cols = line.split("\t");
        if (cols.length < 2) {
            throw new IllegalArgumentException("expected '<phrase>\\t<category>[\\t<argument>]', got: " + line);
        }
        List<String> norms = phraseNorms(cols[0].strip(), tokenizer);
        if (norms.isEmpty()) {
            throw new IllegalArgumentException("empty phrase in: " + line);
        }
        String type = cols[1].strip();
        String argument = cols.length > 2 ? cols[2].strip() : "";
        return switch (type) {
            case "PSEUDO" -> new Rule(norms, Kind.PSEUDO, Set.of(), Direction.FORWARD);
            case "TERMINATE" -> new Rule(norms, Kind.TERMINATE,
                    argument.equalsIgnoreCase("all") ? EnumSet.allOf(TriggerCategory.class) : categories(argument, line),
                    Direction.BOTH);
            default -> new Rule(norms, Kind.TRIGGER, categories(type, line), direction(argument, line));
        };
    }

    private static Set<TriggerCategory> categories(String list, String line) {
        Set<TriggerCategory> out = EnumSet.noneOf(TriggerCategory.class);
        for (String name : list.split(",")) {
            try {
                out.add(TriggerCategory.valueOf(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown category '" + name + "' in: " + line, e);
            }
        }
        return Set.copyOf(out);
    }

    private static Direction direction(String name, String line) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "forward" -> Direction.FORWARD;
            case "backward" -> Direction.BACKWARD;
            case "both" -> Direction.BOTH;
            default -> throw new IllegalArgumentException("expected forward, backward or both in: " + line);
        };
    }

    private static List<String> phraseNorms(String phrase, Tokenizer tokenizer) {
        List<String> norms = new ArrayList<>();
        tokenizer.tokenize(phrase, 0, phrase.length(), (b, e, k) -> {
            String norm = TokenNormalizer.norm(phrase, b, e);
            if (!(k == TokenKind.PUNCT && norm.equals("-"))) {
                norms.add(norm);
            }
        });
        return List.copyOf(norms);
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** Non-overlapping matches in {@code tokens}, left to right, the longest entry at each position. */
    List<Match> match(List<LexToken> tokens) {
        List<Match> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Optional<Rule> found = longestAt(tokens, i);
            if (found.isPresent()) {
                out.add(new Match(found.get(), i, i + found.get().norms().size()));
                i += found.get().norms().size();
            } else {
                i++;
            }
        }
        return out;
    }

    private Optional<Rule> longestAt(List<LexToken> tokens, int i) {
        for (Rule rule : byFirstNorm.getOrDefault(tokens.get(i).norm(), List.of())) {
            List<String> norms = rule.norms();
            if (i + norms.size() <= tokens.size() && matchesAt(tokens, i, norms)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAt(List<LexToken> tokens, int i, List<String> norms) {
        for (int k = 1; k < norms.size(); k++) {
            if (!tokens.get(i + k).norm().equals(norms.get(k))) {
                return false;
            }
        }
        return true;
    }
}
