package org.cnlp.terminology.index.internal;

import org.cnlp.terminology.model.SynonymType;

/**
 * A concept name prepared for matching.
 *
 * @param text       the name as written
 * @param normalized its {@code TermNormalizer} form
 * @param type       {@link SynonymType#EXACT} for the preferred term, else the synonym type
 * @param preferred  whether this is the preferred term
 * @param terms      its content words (empty for abbreviations, which only match exactly)
 */
public record IndexedName(String text, String normalized, SynonymType type, boolean preferred, NameTerms terms) {
}
