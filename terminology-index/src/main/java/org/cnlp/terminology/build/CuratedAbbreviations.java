package org.cnlp.terminology.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;

/**
 * The clinical abbreviation list shipped with cnlp ({@value #RESOURCE}, written by the cnlp authors) and
 * the step that adds abbreviations to concepts as {@link SynonymType#ABBREVIATION} synonyms.
 *
 * <p>Format: one abbreviation per line, {@code abbreviation<TAB>concept id<TAB>preferred term}; lines
 * starting with {@code #} and blank lines are ignored.
 */
public final class CuratedAbbreviations {

    /** Class-path location of the shipped list. */
    public static final String RESOURCE = "/org/cnlp/terminology/build/abbreviations.tsv";

    private CuratedAbbreviations() {
    }

    /**
     * Concepts with abbreviations added, and the abbreviations whose concept was not found.
     *
     * @param concepts   all concepts, in input order
     * @param resolved   the number of abbreviations whose concept was found (added unless it already had the
     *                   name)
     * @param unresolved abbreviations whose concept id is not among the concepts
     */
    public record Result(List<Concept> concepts, int resolved, List<Abbreviation> unresolved) {

        public Result {
            concepts = List.copyOf(concepts);
            unresolved = List.copyOf(unresolved);
        }
    }

    /** @return the shipped list */
    public static List<Abbreviation> defaults() {
        try (InputStream in = CuratedAbbreviations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses an abbreviation list.
     *
     * @param reader the list; not closed
     * @return its entries, in order
     * @throws IOException if reading fails or a line has fewer than two columns
     */
    public static List<Abbreviation> parse(Reader reader) throws IOException {
        List<Abbreviation> entries = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length < 2) {
                throw new IOException("abbreviation list line " + number + ": expected abbreviation<TAB>concept id");
            }
            entries.add(new Abbreviation(cells[0].strip(), cells[1].strip(), cells.length > 2 ? cells[2].strip() : ""));
        }
        return entries;
    }

    /**
     * Adds abbreviations to their concepts, unless the concept already has a name with the same normalised
     * form.
     *
     * @param concepts      concepts
     * @param abbreviations abbreviations to add
     * @return the concepts (changed ones replaced, order kept) and what could not be applied
     */
    public static Result apply(Collection<Concept> concepts, Collection<Abbreviation> abbreviations) {
        Map<String, List<Abbreviation>> byConcept = new LinkedHashMap<>();
        for (Abbreviation abbreviation : abbreviations) {
            byConcept.computeIfAbsent(abbreviation.conceptId(), k -> new ArrayList<>()).add(abbreviation);
        }
        List<Concept> result = new ArrayList<>(concepts.size());
        int resolved = 0;
        for (Concept concept : concepts) {
            List<Abbreviation> own = byConcept.remove(concept.id());
            if (own == null) {
                result.add(concept);
                continue;
            }
            List<Synonym> synonyms = new ArrayList<>(concept.synonyms());
            for (Abbreviation abbreviation : own) {
                synonyms.add(new Synonym(abbreviation.abbreviation(), SynonymType.ABBREVIATION));
                resolved++;
            }
            result.add(new Concept(concept.id(), concept.preferredTerm(),
                    ConceptNames.merge(concept.preferredTerm(), synonyms), concept.xrefs(), concept.semanticGroup(),
                    concept.source()));
        }
        List<Abbreviation> unresolved = byConcept.values().stream().flatMap(List::stream).toList();
        return new Result(result, resolved, unresolved);
    }
}
