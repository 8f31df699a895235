package org.cnlp.annotators.assertion;

import java.util.Set;

/**
 * How far triggers reach and which sections imply an attribute.
 *
 * @param maxScopeTokens     words and numbers a trigger reaches past itself, at most
 * @param historicalSections section names whose mentions are historical
 * @param familySections     section names whose mentions are about a family member
 */
public record ContextSettings(int maxScopeTokens, Set<String> historicalSections, Set<String> familySections) {

    /** Default scope window. */
    public static final int DEFAULT_MAX_SCOPE_TOKENS = 8;

    public ContextSettings {
        if (maxScopeTokens < 1) {
            throw new IllegalArgumentException("maxScopeTokens must be positive: " + maxScopeTokens);
        }
        historicalSections = Set.copyOf(historicalSections);
        familySections = Set.copyOf(familySections);
    }

    /** Window 8; pmh and psh historical; family_history about a family member. */
    public static ContextSettings defaults() {
        return new ContextSettings(DEFAULT_MAX_SCOPE_TOKENS, Set.of("pmh", "psh"), Set.of("family_history"));
    }
}
