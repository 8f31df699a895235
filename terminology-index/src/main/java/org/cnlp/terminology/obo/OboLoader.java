package org.cnlp.terminology.obo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.model.Xrefs;

/**
 * Reads OBO 1.2 ontologies (Disease Ontology, Human Phenotype Ontology) and turns their terms into
 * {@link Concept}s.
 *
 * <p>Only {@code [Term]} stanzas are read; within them the tags {@code id}, {@code name},
 * {@code synonym} (and the OBO 1.0 {@code exact_synonym}-style tags), {@code xref}, {@code alt_id},
 * {@code is_a} and {@code is_obsolete}. Obsolete terms are returned by {@link #parse} (flagged) and
 * dropped by {@link #toConcepts}, so they are never linked to.
 */
public final class OboLoader {

    private OboLoader() {
    }

    /**
     * Reads an OBO file.
     *
     * @param file a UTF-8 OBO file
     * @return its terms, in file order, obsolete ones included
     * @throws IOException if the file cannot be read
     */
    public static List<OboTerm> load(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /**
     * Parses OBO text.
     *
     * @param reader the OBO text; not closed
     * @return its terms, in order, obsolete ones included
     * @throws IOException if reading fails
     */
    public static List<OboTerm> parse(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        List<OboTerm> terms = new ArrayList<>();
        StanzaBuilder stanza = null;
        String line;
        while ((line = lines.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("!")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                addIfTerm(stanza, terms);
                stanza = trimmed.equals("[Term]") ? new StanzaBuilder() : null;
                continue;
            }
            if (stanza != null) {
                stanza.accept(trimmed);
            }
        }
        addIfTerm(stanza, terms);
        return terms;
    }

    /**
     * Turns non-obsolete terms into concepts: cleans synonyms ({@link ConceptNames}), marks all-caps
     * acronyms as {@link SynonymType#ABBREVIATION}, normalises xrefs.
     *
     * @param terms         parsed terms
     * @param include       which (non-obsolete) terms to keep
     * @param semanticGroup the group of every concept
     * @param source        the source of every concept
     * @return one concept per kept term, in input order
     */
    public static List<Concept> toConcepts(Collection<OboTerm> terms, Predicate<OboTerm> include,
            String semanticGroup, String source) {
        List<Concept> concepts = new ArrayList<>();
        for (OboTerm term : terms) {
            if (term.obsolete() || !include.test(term)) {
                continue;
            }
            concepts.add(new Concept(term.id(), term.name(), ConceptNames.cleanSynonyms(term.name(), term.synonyms()),
                    normalizeXrefs(term.xrefs()), semanticGroup, source));
        }
        return concepts;
    }

    /**
     * The ids of a term and all its descendants along {@code is_a}, e.g. to keep only HPO's
     * "Phenotypic abnormality" sub-ontology ({@code HP:0000118}).
     *
     * @param terms  parsed terms
     * @param rootId the root of the sub-ontology
     * @return the ids of the root and its descendants (empty if the root is absent)
     */
    public static Set<String> descendantsOf(Collection<OboTerm> terms, String rootId) {
        Map<String, List<String>> children = new HashMap<>();
        boolean rootPresent = false;
        for (OboTerm term : terms) {
            rootPresent |= term.id().equals(rootId);
            for (String parent : term.parents()) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(term.id());
            }
        }
        if (!rootPresent) {
            return Set.of();
        }
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(rootId);
        seen.add(rootId);
        while (!queue.isEmpty()) {
            for (String child : children.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(child)) {
                    queue.add(child);
                }
            }
        }
        return Set.copyOf(seen);
    }

    /**
     * Normalises and de-duplicates cross-references, dropping those without a prefix.
     *
     * @param raw cross-references as written
     * @return normalised ones, in first-seen order
     */
    public static List<String> normalizeXrefs(Collection<String> raw) {
        Set<String> xrefs = new LinkedHashSet<>();
        for (String xref : raw) {
            Xrefs.normalize(xref).ifPresent(xrefs::add);
        }
        return List.copyOf(xrefs);
    }

    private static void addIfTerm(StanzaBuilder stanza, List<OboTerm> terms) {
        if (stanza != null && stanza.id != null) {
            terms.add(stanza.build());
        }
    }

    private static final class StanzaBuilder {
        private String id;
        private String name;
        private final List<Synonym> synonyms = new ArrayList<>();
        private final List<String> xrefs = new ArrayList<>();
        private final List<String> altIds = new ArrayList<>();
        private final List<String> parents = new ArrayList<>();
        private boolean obsolete;

        void accept(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return;
            }
            String tag = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (tag) {
                case "id" -> id = firstToken(value);
                case "name" -> name = unescape(stripTrailingModifiers(value)).strip();
                case "synonym" -> parseSynonym(value, null);
                case "exact_synonym" -> parseSynonym(value, SynonymType.EXACT);
                case "related_synonym" -> parseSynonym(value, SynonymType.RELATED);
                case "broad_synonym" -> parseSynonym(value, SynonymType.BROAD);
                case "narrow_synonym" -> parseSynonym(value, SynonymType.NARROW);
                case "xref" -> addIfNotEmpty(xrefs, firstToken(value));
                case "alt_id" -> addIfNotEmpty(altIds, firstToken(value));
                case "is_a" -> addIfNotEmpty(parents, firstToken(value));
                case "is_obsolete" -> obsolete = value.toLowerCase(Locale.ROOT).startsWith("true");
                default -> {
                    // other tags (def, comment, subset, relationship, ...) are not needed for linking
                }
            }
        }

        private void parseSynonym(String value, SynonymType fixedType) {
            if (value.isEmpty() || value.charAt(0) != '"') {
                return;
            }
            StringBuilder text = new StringBuilder();
            int i = 1;
            boolean closed = false;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length()) {
                    text.append(unescapeChar(value.charAt(i + 1)));
                    i += 2;
                } else if (c == '"') {
                    closed = true;
                    i++;
                    break;
                } else {
                    text.append(c);
                    i++;
                }
            }
            String synonym = text.toString().strip();
            if (!closed || synonym.isEmpty()) {
                return;
            }
            SynonymType type = fixedType != null ? fixedType : scope(value.substring(i).strip());
            synonyms.add(new Synonym(synonym, type));
        }

        private static SynonymType scope(String rest) {
            String word = firstToken(rest);
            return switch (word) {
                case "RELATED" -> SynonymType.RELATED;
                case "BROAD" -> SynonymType.BROAD;
                case "NARROW" -> SynonymType.NARROW;
                default -> SynonymType.EXACT;
            };
        }

        OboTerm build() {
            String termName = name == null || name.isEmpty() ? id : name;
            return new OboTerm(id, termName, synonyms, xrefs, altIds, parents, obsolete);
        }
    }

    private static void addIfNotEmpty(List<String> list, String value) {
        if (!value.isEmpty()) {
            list.add(value);
        }
    }

    private static String firstToken(String value) {
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end)) && value.charAt(end) != '!') {
            end++;
        }
        return value.substring(0, end);
    }

    /** Drops a trailing {@code {qualifier=...}} block and a {@code ! comment}, outside quotes. */
    private static String stripTrailingModifiers(String value) {
        int bang = value.indexOf(" !");
        String result = bang >= 0 ? value.substring(0, bang) : value;
        if (result.endsWith("}")) {
            int brace = result.lastIndexOf(" {");
            if (brace >= 0) {
                result = result.substring(0, brace);
            }
        }
        return result;
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(unescapeChar(value.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char unescapeChar(char c) {
        return switch (c) {
            case 'n', 't', 'W' -> ' ';
            default -> c;
        };
    }
}
