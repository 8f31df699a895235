package org.cnlp.terminology.index.internal;

import java.util.List;
import java.util.Optional;

/**
 * Regular English plural of a name's last word, for name dictionaries that match text without stemming
 * ({@code breast cancer} → {@code breast cancers}, {@code deficiency} → {@code deficiencies}). Only
 * lower-case last words of 4 letters or more that do not look like adjectives, uncountable suffixes or
 * existing plurals are inflected.
 */
public final class Plurals {

    private static final List<String> NO_PLURAL_ENDINGS = List.of("s", "al", "ic", "ous", "ive", "ed", "ing",
            "ar", "ary", "ory", "ant", "ent", "ism", "ia", "ae", "um", "oid", "like", "type", "form", "onset",
            "ness", "pain", "failure", "loss", "blood", "weight");

    private Plurals() {
    }

    /**
     * @param name a name as written
     * @return the name with its last word made plural, or empty if it should not be inflected
     */
    public static Optional<String> of(String name) {
        int start = name.length();
        while (start > 0 && Character.isLetter(name.charAt(start - 1))) {
            start--;
        }
        if (start == name.length() || (start > 0 && !Character.isWhitespace(name.charAt(start - 1)))) {
            return Optional.empty();
        }
        String word = name.substring(start);
        if (word.length() < 4 || !isLowerAscii(word)) {
            return Optional.empty();
        }
        for (String ending : NO_PLURAL_ENDINGS) {
            if (word.endsWith(ending)) {
                return Optional.empty();
            }
        }
        String stem = name.substring(0, start);
        char last = word.charAt(word.length() - 1);
        char beforeLast = word.charAt(word.length() - 2);
        if (last == 'y' && "aeiou".indexOf(beforeLast) < 0) {
            return Optional.of(stem + word.substring(0, word.length() - 1) + "ies");
        }
        if (last == 'x' || last == 'z' || word.endsWith("ch") || word.endsWith("sh")) {
            return Optional.of(stem + word + "es");
        }
        return Optional.of(stem + word + "s");
    }

    private static boolean isLowerAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
