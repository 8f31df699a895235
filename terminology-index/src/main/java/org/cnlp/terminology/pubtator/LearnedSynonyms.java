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
import java.util.TreeMap;
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
 * <p>Left out: composite and unnormalised mentions; texts that look like abbreviations, which
 * abstracts define for themselves ("DM" is myotonic dystrophy in one, diabetes in another); texts
 * under three characters; and texts whose ids disagree, unless one id has at least two thirds of
 * their mentions. No concept is created: an id no concept cross-references is skipped, so what
 * the index can reach does not change.
 */
public final class LearnedSynonyms {

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
        if (id.isEmpty() || key.length() < 3 || PubTatorLexiconLoader.looksAbbreviated(text)) {
            return;
        }
        countsByText.computeIfAbsent(key, k -> new HashMap<>()).merge(id.get(), 1, Integer::sum);
        surfaces.computeIfAbsent(key, k -> new HashMap<>()).merge(text, 1, Integer::sum);
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
     * hold the text's id; the others unchanged, in order.
     *
     * @return the concepts, and how many synonyms were added
     */
    public Result attachTo(List<Concept> concepts) {
        Map<String, List<Integer>> byId = new HashMap<>();
        for (int i = 0; i < concepts.size(); i++) {
            Concept concept = concepts.get(i);
            byId.computeIfAbsent(concept.id(), k -> new ArrayList<>()).add(i);
            for (String xref : concept.xrefs()) {
                byId.computeIfAbsent(xref, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Integer, List<Synonym>> added = new TreeMap<>();
        textToId().forEach((text, id) -> {
            // The most frequent way of writing it; ties to the alphabetically first.
            String surface = surfaces.get(text).entrySet().stream()
                    .min(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            for (int index : byId.getOrDefault(id, List.of())) {
                added.computeIfAbsent(index, k -> new ArrayList<>()).add(new Synonym(surface, SynonymType.LEARNED));
            }
        });
        List<Concept> out = new ArrayList<>(concepts);
        int[] count = new int[1];
        added.forEach((index, synonyms) -> {
            Concept concept = concepts.get(index);
            List<Synonym> all = new ArrayList<>(concept.synonyms());
            all.addAll(synonyms);
            List<Synonym> merged = ConceptNames.merge(concept.preferredTerm(), all);
            count[0] += merged.size() - concept.synonyms().size();
            out.set(index, new Concept(concept.id(), concept.preferredTerm(), merged, concept.xrefs(),
                    concept.semanticGroup(), concept.source()));
        });
        return new Result(out, count[0]);
    }

    /**
     * @param concepts the concepts with learnt synonyms
     * @param added    how many synonyms were new to their concept
     */
    public record Result(List<Concept> concepts, int added) {}
}
