package org.cnlp.pipeline.eval;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises concept ids to the prefixed form used in {@code ConceptLink.xrefs}, so that corpus
 * ids and terminology cross-references compare equal:
 * <ul>
 *   <li>bare MeSH ids, D or C followed by 6 or 9 digits ({@code D012345}, {@code C535342}),
 *       become {@code MESH:D012345} (a bare UMLS CUI, C and 7 digits, is left alone);</li>
 *   <li>{@code MSH:} and any-case {@code MeSH:} prefixes become {@code MESH:};</li>
 *   <li>{@code MIM:} becomes {@code OMIM:}; {@code OMIM:123} stays;</li>
 *   <li>other prefixes are upper-cased ({@code doid:4} → {@code DOID:4}), the local part kept;</li>
 *   <li>blank ids and {@code -1} (not normalised) give empty.</li>
 * </ul>
 */
public final class GoldIds {

    private static final Pattern BARE_MESH = Pattern.compile("[CD](\\d{6}|\\d{9})");

    private GoldIds() {
    }

    public static Optional<String> normalise(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String trimmed = id.trim();
        if (trimmed.isEmpty() || trimmed.equals("-1")) {
            return Optional.empty();
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return Optional.of(BARE_MESH.matcher(trimmed).matches() ? "MESH:" + trimmed : trimmed);
        }
        String prefix = trimmed.substring(0, colon).trim().toUpperCase(Locale.ROOT);
        String local = trimmed.substring(colon + 1).trim();
        if (local.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (prefix) {
            case "MSH", "MESH" -> "MESH:" + local;
            case "MIM", "OMIM" -> "OMIM:" + local;
            default -> prefix + ":" + local;
        });
    }

    /** Normalises each id, dropping those that give empty; distinct, in input order. */
    public static List<String> normaliseAll(Collection<String> ids) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String id : ids) {
            normalise(id).ifPresent(normalised::add);
        }
        return List.copyOf(normalised);
    }
}
