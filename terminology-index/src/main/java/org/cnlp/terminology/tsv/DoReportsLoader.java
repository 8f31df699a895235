package org.cnlp.terminology.tsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cnlp.terminology.index.TermNormalizer;
import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.model.Xrefs;
import org.cnlp.terminology.obo.OboTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Disease Ontology TSV reports (the {@code DOreports} folder of the DO release) and merges them
 * with the synonyms of an older OBO release.
 *
 * <p>Files, tab-separated, values in double quotes, one header line: {@value #LABELS_FILE}
 * ({@code id, label, subClassOf}; one line per parent, so an id can repeat) and the xref reports
 * {@code allXREFinDO.tsv}, {@code MESHinDO.tsv}, {@code OMIMinDO.tsv}, {@code ICD10inDO.tsv},
 * {@code NCIinDO.tsv} ({@code id, label, xref} or {@code xrefs}, several xrefs joined by {@code ", "}).
 * {@value #LABELS_FILE} lists only current terms: a DOID that is not there is obsolete or was merged,
 * and is not turned into a concept.
 */
public final class DoReportsLoader {

    /** The report with the current terms and their labels. */
    public static final String LABELS_FILE = "HumanDO.tsv";
    /** The cross-reference reports read when present. */
    public static final List<String> XREF_FILES = List.of("allXREFinDO.tsv", "MESHinDO.tsv", "OMIMinDO.tsv",
            "ICD10inDO.tsv", "NCIinDO.tsv");

    private static final Logger LOG = LoggerFactory.getLogger(DoReportsLoader.class);

    private DoReportsLoader() {
    }

    /**
     * Reads the reports of a folder: {@value #LABELS_FILE} is required, the xref reports are read when present.
     *
     * @param reportsDir the folder of the reports
     * @return labels and cross-references
     * @throws IOException if {@value #LABELS_FILE} is missing or a file cannot be read
     */
    public static DoReports load(Path reportsDir) throws IOException {
        Path labelsFile = reportsDir.resolve(LABELS_FILE);
        if (!Files.isRegularFile(labelsFile)) {
            throw new NoSuchFileException(labelsFile.toString(), null, "Disease Ontology report missing");
        }
        Map<String, String> labels;
        try (Reader reader = Files.newBufferedReader(labelsFile, StandardCharsets.UTF_8)) {
            labels = readLabels(reader);
        }
        Map<String, Set<String>> xrefs = new HashMap<>();
        for (String name : XREF_FILES) {
            Path file = reportsDir.resolve(name);
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    readXrefs(reader, xrefs);
                }
            }
        }
        return new DoReports(labels, freeze(xrefs));
    }

    /**
     * Parses reports given as text, for callers that do not read them from a folder.
     *
     * @param labels      the content of {@value #LABELS_FILE}; not closed
     * @param xrefReports the content of xref reports; not closed
     * @return labels and cross-references
     * @throws IOException if reading fails or a report has no {@code id} column
     */
    public static DoReports parse(Reader labels, Collection<Reader> xrefReports) throws IOException {
        Map<String, Set<String>> xrefs = new HashMap<>();
        for (Reader reader : xrefReports) {
            readXrefs(reader, xrefs);
        }
        return new DoReports(readLabels(labels), freeze(xrefs));
    }

    /**
     * Builds Disease Ontology concepts: one per current DOID of the reports, with its current label and
     * cross-references, and the synonyms the older OBO release gives for the same DOID. When the label
     * changed, the older name becomes an {@link SynonymType#EXACT} synonym. Terms obsolete in the older
     * release lend no synonyms.
     *
     * @param reports  the current reports
     * @param release  terms of the older OBO release (may be empty)
     * @return concepts in report order, group {@link SemanticGroups#DISEASE}, source {@link Sources#DO}
     */
    public static List<Concept> merge(DoReports reports, Collection<OboTerm> release) {
        Map<String, OboTerm> older = new HashMap<>();
        for (OboTerm term : release) {
            if (!term.obsolete()) {
                older.put(term.id(), term);
            }
        }
        List<Concept> concepts = new ArrayList<>(reports.labels().size());
        int withOlderSynonyms = 0;
        for (Map.Entry<String, String> entry : reports.labels().entrySet()) {
            String id = entry.getKey();
            String label = entry.getValue();
            List<Synonym> synonyms = new ArrayList<>();
            OboTerm previous = older.get(id);
            if (previous != null) {
                withOlderSynonyms++;
                if (!TermNormalizer.normalize(previous.name()).equals(TermNormalizer.normalize(label))) {
                    synonyms.add(new Synonym(previous.name(), SynonymType.EXACT));
                }
                synonyms.addAll(previous.synonyms());
            }
            concepts.add(new Concept(id, label, ConceptNames.cleanSynonyms(label, synonyms),
                    reports.xrefs().getOrDefault(id, List.of()), SemanticGroups.DISEASE, Sources.DO));
        }
        long dropped = older.keySet().stream().filter(id -> !reports.labels().containsKey(id)).count();
        LOG.info("Disease Ontology: {} current terms, {} with synonyms of the older release, {} older terms no longer current",
                concepts.size(), withOlderSynonyms, dropped);
        return concepts;
    }

    static Map<String, String> readLabels(Reader reader) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(reader);
        Header header = Header.read(lines.readLine());
        int idColumn = header.column("id");
        int labelColumn = header.column("label");
        String line;
        while ((line = lines.readLine()) != null) {
            List<String> cells = splitRow(line);
            if (cells.size() <= Math.max(idColumn, labelColumn)) {
                continue;
            }
            String id = cells.get(idColumn);
            String label = cells.get(labelColumn);
            if (!id.isEmpty() && !label.isBlank()) {
                labels.putIfAbsent(id, label.strip());
            }
        }
        return labels;
    }

    static void readXrefs(Reader reader, Map<String, Set<String>> xrefs) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        Header header = Header.read(lines.readLine());
        int idColumn = header.column("id");
        int xrefColumn = header.hasColumn("xrefs") ? header.column("xrefs") : header.column("xref");
        String line;
        while ((line = lines.readLine()) != null) {
            List<String> cells = splitRow(line);
            if (cells.size() <= Math.max(idColumn, xrefColumn)) {
                continue;
            }
            String id = cells.get(idColumn);
            for (String raw : cells.get(xrefColumn).split(",")) {
                Xrefs.normalize(raw).ifPresent(x -> xrefs.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(x));
            }
        }
    }

    /** Splits a tab-separated row and removes the double quotes around each value ({@code ""} is a quote). */
    static List<String> splitRow(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("\t", -1)) {
            String value = cell.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\"\"", "\"");
            }
            cells.add(value);
        }
        return cells;
    }

    private static Map<String, List<String>> freeze(Map<String, Set<String>> xrefs) {
        Map<String, List<String>> frozen = new HashMap<>();
        xrefs.forEach((id, values) -> frozen.put(id, List.copyOf(values)));
        return frozen;
    }

    private record Header(List<String> columns) {

        static Header read(String line) throws IOException {
            if (line == null) {
                throw new IOException("empty Disease Ontology report");
            }
            Header header = new Header(splitRow(line));
            if (!header.hasColumn("id")) {
                throw new IOException("Disease Ontology report without an 'id' column: " + header.columns());
            }
            return header;
        }

        boolean hasColumn(String name) {
            return columns.contains(name);
        }

        int column(String name) throws IOException {
            int index = columns.indexOf(name);
            if (index < 0) {
                throw new IOException("Disease Ontology report without a '" + name + "' column: " + columns);
            }
            return index;
        }
    }
}
