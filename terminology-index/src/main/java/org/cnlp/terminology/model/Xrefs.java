package org.cnlp.terminology.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises cross-references to {@code PREFIX:local} with one upper-case prefix per vocabulary, so that
 * the same target is spelled the same way whatever the source wrote: {@code MSH:}/{@code MeSH:} become
 * {@code MESH:}, {@code MIM:} becomes {@code OMIM:}, {@code UMLS_CUI:} becomes {@code UMLS:},
 * versioned SNOMED prefixes become {@code SNOMEDCT:}, {@code Orphanet:} becomes {@code ORDO:}, and so on.
 */
public final class Xrefs {

    private static final Map<String, String> PREFIX_ALIASES = Map.ofEntries(
            Map.entry("MSH", "MESH"),
            Map.entry("MESH", "MESH"),
            Map.entry("MIM", "OMIM"),
            Map.entry("OMIM", "OMIM"),
            Map.entry("UMLS", "UMLS"),
            Map.entry("UMLSCUI", "UMLS"),
            Map.entry("UMLCUI", "UMLS"),
            Map.entry("ICD10CM", "ICD10CM"),
            Map.entry("IDC10CM", "ICD10CM"),
            Map.entry("ICD9CM", "ICD9CM"),
            Map.entry("IDC9CM", "ICD9CM"),
            Map.entry("ICD9", "ICD9CM"),
            Map.entry("NCI", "NCI"),
            Map.entry("NCIT", "NCI"),
            Map.entry("ORDO", "ORDO"),
            Map.entry("ORPHANET", "ORDO"),
            Map.entry("ORPHA", "ORDO"),
            Map.entry("MEDDRA", "MEDDRA"),
            Map.entry("ICDO", "ICDO"));

    private Xrefs() {
    }

    /**
     * Normalises one cross-reference.
     *
     * @param raw a cross-reference as written by a source, possibly followed by a description
     *            ({@code MeSH:D021782 "Multicystic Kidney Dysplasia"})
     * @return the normalised {@code PREFIX:local}, or empty when {@code raw} has no prefix or no local id
     */
    public static Optional<String> normalize(String raw) {
        String value = raw.strip();
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end)) && value.charAt(end) != '"') {
            end++;
        }
        value = value.substring(0, end);
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return Optional.empty();
        }
        String prefix = normalizePrefix(value.substring(0, colon));
        String local = value.substring(colon + 1);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        if (prefix.equals("UMLS") || prefix.equals("MESH") || prefix.equals("NCI")) {
            local = local.toUpperCase(Locale.ROOT);
        }
        return Optional.of(prefix + ":" + local);
    }

    private static String normalizePrefix(String prefix) {
        StringBuilder letters = new StringBuilder(prefix.length());
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters.append(Character.toUpperCase(c));
            }
        }
        String key = letters.toString();
        if (key.startsWith("SNOMEDCT")) {
            return "SNOMEDCT";
        }
        if (key.startsWith("NCI") && key.length() > 3 && Character.isDigit(key.charAt(3))) {
            return "NCI";
        }
        if (key.equals("ICD10") || key.equals("ICD10WHO")) {
            return "ICD10";
        }
        return PREFIX_ALIASES.getOrDefault(key, key);
    }
}
