package org.cnlp.terminology.pubtator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cnlp.terminology.index.TermNormalizer;
import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.model.Xrefs;

/**
 * Learns how a training corpus writes concepts: the annotated mentions of a PubTator file
 * (NCBI-disease or BC5CDR train) become {@link SynonymType#LEARNED} synonyms of the concepts that
 * cross-reference their MeSH or OMIM id ("tumours", normalised to MESH:D009369, becomes a name
 * of DO cancer and HPO neoplasm). Give it training data only: synonyms learnt from an evaluation
 * set would leak its answers.
 *
 * <p>Left out: composite and unnormalised mentions; texts made of abbreviations only, which
 * abstracts define for themselves ("DM" is myotonic dystrophy in one, diabetes in another), while
 * a short form beside a word is kept ("C9 deficiency", "G6PD deficiency"); texts under three
 * characters; and texts whose ids disagree, unless one id has at least two thirds of their
 * mentions. No concept is created: an id no concept cross-references is skipped, so what the
 * index can reach does not change.
 *
 * <p>The mentions also cross the two vocabularies: when a learnt text of at least two mentions is
 * already the preferred term or an exact synonym of a concept that cites none of the text's ids,
 * the corpus says that this name means that id, so the id becomes a learnt cross-reference of the
 * concept ("G6PD deficiency", annotated MESH:D005955 57 times in NCBI-disease, is an exact DO
 * synonym of <i>favism</i>, which cites D005236). Again only ids some concept already cites.
 */
public final class LearnedSynonyms {

    /** Mentions a text needs before it crosses a curated name to its id. */
    static final int MIN_CROSSING_MENTIONS = 2;

    private static final Pattern BARE_MESH = Pattern.compile("[CD]\\d{6,9}");

    private final Map<String, Map<String, Integer>> countsByText = new HashMap<>();
    private final Map<String, Map<String, Integer>> surfaces = new HashMap<>();

    /** Reads the mentions whose type {@code type} accepts ("Disease"; NCBI's "SpecificDisease", ...) in each file. */
    public static LearnedSynonyms read(Predicate<String> type, List<Path> files) throws IOException {
        LearnedSynonyms learned = new LearnedSynonyms();
        for (Path file : files) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    learned.add(line.split("\t", -1), type);
                }
            }
        }
        return learned;
    }

    private void add(String[] cells, Predicate<String> type) {
        if (cells.length < 6 || !type.test(cells[4]) || cells[5].contains("|") || cells[5].contains("+")) {
            return;
        }
        Optional<String> id = normaliseId(cells[5]);
        String text = cells[3].strip();
        String key = TermNormalizer.normalize(text);
        if (id.isEmpty() || key.length() < 3 || abbreviationsOnly(text)) {
            return;
        }
        countsByText.computeIfAbsent(key, k -> new HashMap<>()).merge(id.get(), 1, Integer::sum);
        surfaces.computeIfAbsent(key, k -> new HashMap<>()).merge(text, 1, Integer::sum);
    }

    /** Whether every word of the text is a short form or a number ("DM", "HPT-JT", "C7D"), as opposed to "C9 deficiency". */
    static boolean abbreviationsOnly(String text) {
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !PubTatorLexiconLoader.looksAbbreviated(word) && !word.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    /** {@code D009369} → {@code MESH:D009369}, {@code OMIM:222100} as it is; empty for {@code -1}. */
    static Optional<String> normaliseId(String raw) {
        String id = raw.strip();
        if (BARE_MESH.matcher(id).matches()) {
            return Optional.of("MESH:" + id);
        }
        return id.contains(":") ? Xrefs.normalize(id) : Optional.empty();
    }

    /** Normalised text → its id, for texts whose ids agree (two thirds or more of the mentions). */
    Map<String, String> textToId() {
        Map<String, String> out = new TreeMap<>();
        countsByText.forEach((text, ids) -> {
            int total = ids.values().stream().mapToInt(Integer::intValue).sum();
            ids.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(best -> best.getValue() * 3 >= total * 2)
                    .ifPresent(best -> out.put(text, best.getKey()));
        });
        return out;
    }

    /**
     * {@code concepts} with the learnt texts added as synonyms of every concept whose id or xrefs
     * hold the text's id, and the text's id added as a cross-reference of every concept whose preferred
     * term or exact synonym the text is (two mentions or more) but which cites none of the ids the
     * text was annotated with;
     * the others unchanged, in order.
     *
     * @return the concepts, how many synonyms and how many cross-references were added
     */
    public Result attachTo(List<Concept> concepts) {
        Map<String, List<Integer>> byId = new HashMap<>();
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < concepts.size(); i++) {
            Concept concept = concepts.get(i);
            byId.computeIfAbsent(concept.id(), k -> new ArrayList<>()).add(i);
            for (String xref : concept.xrefs()) {
                byId.computeIfAbsent(xref, k -> new ArrayList<>()).add(i);
            }
            byName.computeIfAbsent(TermNormalizer.normalize(concept.preferredTerm()), k -> new ArrayList<>()).add(i);
            for (Synonym synonym : concept.synonyms()) {
                if (synonym.type() == SynonymType.EXACT) {
                    byName.computeIfAbsent(TermNormalizer.normalize(synonym.text()), k -> new ArrayList<>()).add(i);
                }
            }
        }
        Map<Integer, List<Synonym>> added = new TreeMap<>();
        Map<Integer, Set<String>> crossed = new TreeMap<>();
        textToId().forEach((text, id) -> {
            List<Integer> citing = byId.getOrDefault(id, List.of());
            if (citing.isEmpty()) {
                return;
            }
            // The most frequent way of writing it; ties to the alphabetically first.
            String surface = surfaces.get(text).entrySet().stream()
                    .min(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            for (int index : citing) {
                added.computeIfAbsent(index, k -> new ArrayList<>()).add(new Synonym(surface, SynonymType.LEARNED));
            }
            Map<String, Integer> counts = countsByText.get(text);
            Set<String> annotated = counts.keySet();
            if (counts.get(id) < MIN_CROSSING_MENTIONS) {
                return;
            }
            for (int index : byName.getOrDefault(text, List.of())) {
                Concept named = concepts.get(index);
                if (!annotated.contains(named.id()) && named.xrefs().stream().noneMatch(annotated::contains)) {
                    crossed.computeIfAbsent(index, k -> new TreeSet<>()).add(id);
                }
            }
        });
        List<Concept> out = new ArrayList<>(concepts);
        int[] count = new int[2];
        Set<Integer> changed = new TreeSet<>(added.keySet());
        changed.addAll(crossed.keySet());
        for (int index : changed) {
            Concept concept = concepts.get(index);
            List<Synonym> all = new ArrayList<>(concept.synonyms());
            all.addAll(added.getOrDefault(index, List.of()));
            List<Synonym> merged = ConceptNames.merge(concept.preferredTerm(), all);
            List<String> xrefs = new ArrayList<>(concept.xrefs());
            xrefs.addAll(crossed.getOrDefault(index, Set.of()));
            count[0] += merged.size() - concept.synonyms().size();
            count[1] += xrefs.size() - concept.xrefs().size();
            out.set(index, new Concept(concept.id(), concept.preferredTerm(), merged, xrefs, concept.semanticGroup(), concept.source()));
        }
        return new Result(out, count[0], count[1]);
    }

    /**
     * @param concepts    the concepts with learnt synonyms and cross-references
     * @param added       how many synonyms were new to their concept
     * @param xrefsAdded  how many cross-references were new to their concept
     */
    public record Result(List<Concept> concepts, int added, int xrefsAdded) {}
}
