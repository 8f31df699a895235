package org.cnlp.annotators.assertion;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.cnlp.annotators.assertion.AssertionLexicon.Direction;
import org.cnlp.annotators.assertion.AssertionLexicon.Kind;
import org.cnlp.annotators.assertion.AssertionLexicon.Match;
import org.cnlp.annotators.assertion.AssertionLexicon.Rule;
import org.cnlp.annotators.token.TokenKind;
import org.cnlp.annotators.token.TokenNormalizer;
import org.cnlp.annotators.token.Tokenizer;

/**
 * ConText (Harkema et al. 2009) over one sentence: finds triggers, gives each a scope, and sets
 * the attributes of the mentions that a scope covers. Immutable and thread safe.
 *
 * <p>A trigger's scope runs forward (pre-trigger), backward (post-trigger) or both ways from it,
 * within the sentence, over at most {@link ContextSettings#maxScopeTokens()} words and numbers
 * (punctuation does not count, so {@code "No fever, chills, or cough"} negates all three), and
 * stops at a termination term for its category ({@code but}, {@code however}, {@code ;},
 * {@code presents}, ...). A mention is in scope when it shares a character with the scope and
 * none with the trigger. Section names add {@code historical} (pmh, psh) and subject
 * {@code family_member} (family_history).
 */
public final class ContextAnalyzer {

    private static final Tokenizer TOKENIZER = Tokenizer.standard();

    private final AssertionLexicon lexicon;
    private final ContextSettings settings;

    /** A trigger's reach: characters {@code [begin, end)}, trigger at {@code [triggerBegin, triggerEnd)}. */
    private record Scope(TriggerCategory category, int begin, int end, int triggerBegin, int triggerEnd) {
    }

    public ContextAnalyzer(AssertionLexicon lexicon, ContextSettings settings) {
        this.lexicon = lexicon;
        this.settings = settings;
    }

    /** Tokens of {@code text[begin, end)} as the matcher needs them, cut by {@link Tokenizer#standard()}. */
    public static List<LexToken> tokens(CharSequence text, int begin, int end) {
        List<LexToken> out = new ArrayList<>();
        TOKENIZER.tokenize(text, begin, end, (b, e, k) -> out.add(
                new LexToken(TokenNormalizer.norm(text, b, e), b, e, counts(k))));
        return out;
    }

    /** Whether a token of this kind counts toward the scope window. */
    public static boolean counts(TokenKind kind) {
        return kind == TokenKind.WORD || kind == TokenKind.NUMBER;
    }

    /**
     * Assertions for {@code entities}, in their order.
     *
     * @param sentence    the tokens of the sentence holding the entities, in text order
     * @param entities    mentions in that sentence (offsets in the same text as the tokens)
     * @param sectionName normalised name of the section they are in; blank when unknown
     */
    public List<Assertion> analyze(List<LexToken> sentence, List<EntitySpan> entities, String sectionName) {
        List<LexToken> tokens = sentence.stream().filter(t -> !t.norm().equals("-")).toList();
        List<Scope> scopes = scopes(tokens);
        boolean sectionHistorical = settings.historicalSections().contains(sectionName);
        boolean sectionFamily = settings.familySections().contains(sectionName);
        List<Assertion> out = new ArrayList<>(entities.size());
        for (EntitySpan entity : entities) {
            Set<TriggerCategory> found = EnumSet.noneOf(TriggerCategory.class);
            for (Scope s : scopes) {
                if (entity.overlaps(s.begin(), s.end()) && !entity.overlaps(s.triggerBegin(), s.triggerEnd())) {
                    found.add(s.category());
                }
            }
            Subject subject = found.contains(TriggerCategory.FAMILY) || sectionFamily ? Subject.FAMILY_MEMBER
                    : found.contains(TriggerCategory.OTHER_SUBJECT) ? Subject.OTHER
                    : Subject.PATIENT;
            out.add(new Assertion(
                    found.contains(TriggerCategory.NEGATED) ? -1 : 1,
                    found.contains(TriggerCategory.UNCERTAIN),
                    found.contains(TriggerCategory.CONDITIONAL),
                    found.contains(TriggerCategory.HISTORICAL) || sectionHistorical,
                    subject));
        }
        return out;
    }

    private List<Scope> scopes(List<LexToken> tokens) {
        List<Match> matches = lexicon.match(tokens);
        Rule[] termination = new Rule[tokens.size()];
        for (Match m : matches) {
            if (m.rule().kind() == Kind.TERMINATE) {
                for (int i = m.start(); i < m.end(); i++) {
                    termination[i] = m.rule();
                }
            }
        }
        List<Scope> scopes = new ArrayList<>();
        for (Match m : matches) {
            Rule rule = m.rule();
            if (rule.kind() != Kind.TRIGGER) {
                continue;
            }
            int triggerBegin = tokens.get(m.start()).begin();
            int triggerEnd = tokens.get(m.end() - 1).end();
            for (TriggerCategory category : rule.categories()) {
                if (rule.direction() != Direction.BACKWARD) {
                    int last = reach(tokens, termination, category, m.end(), +1);
                    if (last >= m.end()) {
                        scopes.add(new Scope(category, tokens.get(m.end()).begin(), tokens.get(last).end(),
                                triggerBegin, triggerEnd));
                    }
                }
                if (rule.direction() != Direction.FORWARD) {
                    int first = reach(tokens, termination, category, m.start() - 1, -1);
                    if (first <= m.start() - 1) {
                        scopes.add(new Scope(category, tokens.get(first).begin(), tokens.get(m.start() - 1).end(),
                                triggerBegin, triggerEnd));
                    }
                }
            }
        }
        return scopes;
    }

    /**
     * Walks from {@code from} in {@code step} direction until the window is full, a termination
     * term for {@code category} or the sentence edge; returns the last token index inside the
     * scope ({@code from - step} when the scope is empty).
     */
    private int reach(List<LexToken> tokens, Rule[] termination, TriggerCategory category, int from, int step) {
        int counted = 0;
        int i = from;
        while (i >= 0 && i < tokens.size()) {
            if (termination[i] != null && termination[i].categories().contains(category)) {
                break;
            }
            if (tokens.get(i).counts()) {
                counted++;
                if (counted > settings.maxScopeTokens()) {
                    break;
                }
            }
            i += step;
        }
        return i - step;
    }
}
