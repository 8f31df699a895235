package org.cnlp.terminology.pubtator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cnlp.terminology.index.TermNormalizer;
import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.model.Xrefs;

/**
 * Learns a chemical lexicon from the annotated mentions of a PubTator file (BC5CDR), since no chemical
 * terminology ships with cnlp. Give it training data only: a lexicon learnt from an evaluation set would
 * leak its answers.
 *
 * <p>Mention lines are {@code PMID<TAB>start<TAB>end<TAB>text<TAB>type<TAB>ids[<TAB>texts]}; only
 * {@code Chemical} mentions are read. {@code -1} means not normalised and is skipped. Several ids joined by
 * {@code |} mark a composite mention: it is used only when a seventh column gives one text per id.
 *
 * <p>One concept per MeSH id ({@code MESH:D009270}): the preferred term is the most frequent mention text
 * that does not look like an abbreviation (abstracts often use the short form more than the full name:
 * {@code 5-FU}, {@code alpha-T}), or the most frequent text if all do; texts are grouped by
 * {@link TermNormalizer#normalize}, ties go to the shorter, then the alphabetically first. The other texts
 * become synonyms ({@link SynonymType#ABBREVIATION} for acronyms, else
 * {@link SynonymType#EXACT}), the xref is the id itself.
 */
public final class PubTatorLexiconLoader {

    private static final String CHEMICAL = "Chemical";

    private PubTatorLexiconLoader() {
    }

    /**
     * Reads the chemical lexicon of a PubTator file.
     *
     * @param file a UTF-8 PubTator file
     * @return concepts sorted by id, group {@link SemanticGroups#CHEMICAL}, source {@link Sources#BC5CDR}
     * @throws IOException if the file cannot be read
     */
    public static List<Concept> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /**
     * Parses PubTator text.
     *
     * @param reader PubTator text; not closed
     * @return concepts sorted by id
     * @throws IOException if reading fails
     */
    public static List<Concept> parse(Reader reader) throws IOException {
        Map<String, Map<String, Map<String, Integer>>> mentions = new TreeMap<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        while ((line = lines.readLine()) != null) {
            String[] cells = line.split("\t", -1);
            if (cells.length < 6 || !cells[4].equals(CHEMICAL) || !isNumber(cells[1])) {
                continue;
            }
            String[] ids = cells[5].split("\\|");
            String[] texts;
            if (ids.length == 1) {
                texts = new String[] {cells[3]};
            } else if (cells.length >= 7 && cells[6].split("\\|").length == ids.length) {
                texts = cells[6].split("\\|");
            } else {
                continue;
            }
            for (int i = 0; i < ids.length; i++) {
                String id = conceptId(ids[i].strip());
                String text = texts[i].strip();
                String key = TermNormalizer.normalize(text);
                if (id.isEmpty() || key.length() < 2) {
                    continue;
                }
                mentions.computeIfAbsent(id, k -> new HashMap<>())
                        .computeIfAbsent(key, k -> new HashMap<>())
                        .merge(text, 1, Integer::sum);
            }
        }
        List<Concept> concepts = new ArrayList<>(mentions.size());
        mentions.forEach((id, byKey) -> concepts.add(toConcept(id, byKey)));
        return concepts;
    }

    private static Concept toConcept(String id, Map<String, Map<String, Integer>> byKey) {
        Map<String, Integer> groupCounts = new LinkedHashMap<>();
        byKey.forEach((key, surfaces) -> groupCounts.put(key,
                surfaces.values().stream().mapToInt(Integer::intValue).sum()));
        List<String> keys = new ArrayList<>(groupCounts.keySet());
        Map<String, Boolean> abbreviated = new HashMap<>();
        byKey.forEach((key, surfaces) -> abbreviated.put(key, looksAbbreviated(bestSurface(surfaces))));
        keys.sort(Comparator.<String, Boolean>comparing(abbreviated::get)
                .thenComparingInt(k -> -groupCounts.get(k))
                .thenComparingInt(String::length)
                .thenComparing(Comparator.naturalOrder()));
        String preferred = bestSurface(byKey.get(keys.get(0)));
        List<Synonym> synonyms = new ArrayList<>();
        for (String key : keys.subList(1, keys.size())) {
            String text = bestSurface(byKey.get(key));
            synonyms.add(new Synonym(text, ConceptNames.isAcronym(text) ? SynonymType.ABBREVIATION : SynonymType.EXACT));
        }
        return new Concept(id, preferred, ConceptNames.merge(preferred, synonyms), List.of(id),
                SemanticGroups.CHEMICAL, Sources.BC5CDR);
    }

    /** The most frequent way of writing a name; ties go to the one with fewer capitals, then alphabetical. */
    private static String bestSurface(Map<String, Integer> surfaces) {
        return surfaces.entrySet().stream()
                .min(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                        .thenComparingInt(e -> capitals(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow()
                .getKey();
    }

    /** Whether a word of the text is a short capitalised form or has several capitals ({@code 5-FU}, {@code alpha-T}). */
    static boolean looksAbbreviated(String text) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letterOrDigit = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (letterOrDigit && start < 0) {
                start = i;
            } else if (!letterOrDigit && start >= 0) {
                String word = text.substring(start, i);
                int capitals = capitals(word);
                if (capitals >= 2 || (capitals == 1 && word.length() <= 4)) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private static int capitals(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static String conceptId(String raw) {
        if (raw.isEmpty() || raw.equals("-1")) {
            return "";
        }
        return raw.indexOf(':') > 0 ? Xrefs.normalize(raw).orElse("") : "MESH:" + raw;
    }

    private static boolean isNumber(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        for (int i = 0; i < cell.length(); i++) {
            if (!Character.isDigit(cell.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
