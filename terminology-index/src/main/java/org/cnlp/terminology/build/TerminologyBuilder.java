package org.cnlp.terminology.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cnlp.terminology.index.IndexMetadata;
import org.cnlp.terminology.index.TerminologyIndexException;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.io.Folders;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.obo.OboLoader;
import org.cnlp.terminology.obo.OboTerm;
import org.cnlp.terminology.pubtator.LearnedSynonyms;
import org.cnlp.terminology.pubtator.PubTatorLexiconLoader;
import org.cnlp.terminology.tsv.DoReportsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds cnlp's default terminology index from a {@code corpora-samples} folder:
 * <ul>
 *   <li>Disease Ontology: the 2026 reports ({@value #DO_REPORTS}) for current terms, labels and xrefs,
 *       with the synonyms of the 2015 OBO release ({@value #DO_OBO}); terms absent from the 2026 reports
 *       (obsolete or merged) are left out;</li>
 *   <li>Human Phenotype Ontology 2015 ({@value #HPO_OBO}): the "Phenotypic abnormality" sub-ontology
 *       ({@value #HPO_PHENOTYPIC_ABNORMALITY}), i.e. clinical findings and problems, without its root; modes of
 *       inheritance, clinical modifiers and frequencies are left out;</li>
 *   <li>a chemical lexicon learnt from the BC5CDR training set ({@value #BC5CDR_TRAIN}; never the
 *       development set);</li>
 *   <li>the {@link CuratedAbbreviations curated abbreviations}.</li>
 * </ul>
 */
public final class TerminologyBuilder {

    /** Disease Ontology 2015 OBO release, relative to the corpora-samples folder. */
    public static final String DO_OBO = "terminology/HumanDO-2015.obo";
    /** Disease Ontology 2026 TSV reports folder, relative to the corpora-samples folder. */
    public static final String DO_REPORTS = "terminology/do-2026-reports";
    /** Human Phenotype Ontology 2015 OBO release, relative to the corpora-samples folder. */
    public static final String HPO_OBO = "terminology/hp-2015.obo";
    /** BC5CDR training set in PubTator format, relative to the corpora-samples folder. */
    public static final String BC5CDR_TRAIN = "bc5cdr/CDR_TrainingSet.PubTator.txt";
    /** NCBI-disease train, in corpora-samples; its mentions become learnt disease synonyms. */
    public static final String NCBI_TRAIN = "ncbi-disease/NCBItrainset_corpus.txt";
    /** The PubTator mention types read as diseases: BC5CDR's, and NCBI-disease's four. */
    static final Set<String> DISEASE_MENTION_TYPES = Set.of("Disease", "SpecificDisease", "DiseaseClass", "Modifier");
    /** Root of HPO's "Phenotypic abnormality" sub-ontology. */
    public static final String HPO_PHENOTYPIC_ABNORMALITY = "HP:0000118";

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyBuilder.class);

    /**
     * What the indexes this builder writes hold, as a version recorded in their metadata
     * ({@code provenance.content}); raised whenever the same sources give a different index, so that
     * an index an older cnlp built is rebuilt ({@link #whyRebuild}). 2: learnt cross-references,
     * learnt short forms beside a word.
     */
    public static final String CONTENT_VERSION = "2";

    /** How {@link #whyRebuild} begins when the index is only outdated, still usable. */
    public static final String OUTDATED = "built by an older cnlp";

    private TerminologyBuilder() {
    }

    /**
     * Why the index in {@code indexDir} should be built (again): missing, unreadable, or written by
     * this builder at a lower {@link #CONTENT_VERSION}; null when it is current, and for an index
     * another writer made (a custom terminology, which has no {@code learned} provenance).
     */
    public static String whyRebuild(Path indexDir) {
        if (!Files.isRegularFile(indexDir.resolve(IndexMetadata.FILE_NAME))) {
            return "first use";
        }
        Map<String, String> provenance;
        try {
            provenance = IndexMetadata.read(indexDir).provenance();
        } catch (TerminologyIndexException e) {
            return "unreadable: " + e.getMessage();
        }
        if (!provenance.containsKey("learned")) {
            return null;
        }
        String content = provenance.getOrDefault("content", "1");
        return content.matches("\\d{1,9}") && Integer.parseInt(content) < Integer.parseInt(CONTENT_VERSION)
                ? OUTDATED + " (content version " + content + ", now " + CONTENT_VERSION + ")" : null;
    }

    /**
     * The default concepts, ready to index.
     *
     * @param concepts       all concepts: DO, then HPO, then chemicals
     * @param provenance     a description of each source, by source
     * @param abbreviations  the result of applying the curated abbreviations
     */
    public record DefaultTerminology(List<Concept> concepts, Map<String, String> provenance,
            CuratedAbbreviations.Result abbreviations) {

        public DefaultTerminology {
            concepts = List.copyOf(concepts);
            provenance = Map.copyOf(provenance);
        }
    }

    /**
     * Loads the default terminology and writes its index, replacing any index in {@code indexDir}
     * once the new one is complete.
     *
     * @param corporaSamplesDir the corpora-samples folder
     * @param indexDir          the index folder to write
     * @return counts and timing
     * @throws NoSuchFileException if a source file is missing
     * @throws IOException         if reading or writing fails
     */
    public static BuildReport build(Path corporaSamplesDir, Path indexDir) throws IOException {
        long start = System.nanoTime();
        DefaultTerminology terminology = load(corporaSamplesDir);
        // Written beside and moved into place, so that a failed or killed rebuild leaves the old index.
        Path staging = Folders.staging(indexDir);
        IndexMetadata metadata;
        try {
            metadata = TerminologyIndexWriter.build(terminology.concepts(), staging, terminology.provenance());
            Folders.replace(staging, indexDir);
        } catch (IOException | RuntimeException e) {
            Folders.deleteTree(staging);
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Terminology built in {} ms: {} concepts {}", elapsed.toMillis(), metadata.concepts(),
                metadata.conceptsBySource());
        return new BuildReport(indexDir, metadata.conceptsBySource(), metadata.concepts(), metadata.names(),
                terminology.abbreviations().resolved(), terminology.abbreviations().unresolved(), elapsed);
    }

    /**
     * Loads the default terminology without indexing it.
     *
     * @param corporaSamplesDir the corpora-samples folder
     * @return the concepts and their provenance
     * @throws NoSuchFileException if a source file is missing
     * @throws IOException         if reading fails
     */
    public static DefaultTerminology load(Path corporaSamplesDir) throws IOException {
        Path doObo = required(corporaSamplesDir, DO_OBO);
        Path doReports = required(corporaSamplesDir, DO_REPORTS);
        Path hpoObo = required(corporaSamplesDir, HPO_OBO);
        Path bc5cdr = required(corporaSamplesDir, BC5CDR_TRAIN);
        Path ncbi = required(corporaSamplesDir, NCBI_TRAIN);

        List<Concept> diseases = DoReportsLoader.merge(DoReportsLoader.load(doReports), OboLoader.load(doObo));

        List<OboTerm> hpoTerms = OboLoader.load(hpoObo);
        Set<String> phenotypic = OboLoader.descendantsOf(hpoTerms, HPO_PHENOTYPIC_ABNORMALITY);
        List<Concept> phenotypes = OboLoader.toConcepts(hpoTerms,
                term -> phenotypic.contains(term.id()) && !term.id().equals(HPO_PHENOTYPIC_ABNORMALITY),
                SemanticGroups.PHENOTYPE, Sources.HPO);

        List<Concept> chemicals = PubTatorLexiconLoader.load(bc5cdr);

        List<Concept> all = new ArrayList<>(diseases.size() + phenotypes.size() + chemicals.size());
        all.addAll(diseases);
        all.addAll(phenotypes);
        LearnedSynonyms.Result learned = LearnedSynonyms.read(DISEASE_MENTION_TYPES::contains, List.of(ncbi, bc5cdr))
                .attachTo(all);
        all = new ArrayList<>(learned.concepts());
        all.addAll(chemicals);
        List<Abbreviation> curated = CuratedAbbreviations.defaults();
        CuratedAbbreviations.Result abbreviations = CuratedAbbreviations.apply(all, curated);
        if (!abbreviations.unresolved().isEmpty()) {
            LOG.warn("{} curated abbreviations name a concept that is not in the terminology: {}",
                    abbreviations.unresolved().size(), abbreviations.unresolved());
        }

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("content", CONTENT_VERSION);
        provenance.put(Sources.DO, "Disease Ontology reports " + DO_REPORTS + " (current terms, labels, xrefs)"
                + " with synonyms of " + DO_OBO);
        provenance.put(Sources.HPO, HPO_OBO + ", Phenotypic abnormality (" + HPO_PHENOTYPIC_ABNORMALITY
                + ") sub-ontology");
        provenance.put(Sources.BC5CDR, "Chemical mentions of " + BC5CDR_TRAIN);
        provenance.put("learned", learned.added() + " disease synonyms and " + learned.xrefsAdded()
                + " cross-references learnt from the mentions of " + NCBI_TRAIN + " and " + BC5CDR_TRAIN + " (training sets only)");
        provenance.put("abbreviations", "cnlp curated list " + CuratedAbbreviations.RESOURCE + " ("
                + curated.size() + " entries)");
        return new DefaultTerminology(abbreviations.concepts(), provenance, abbreviations);
    }

    private static Path required(Path root, String relative) throws NoSuchFileException {
        Path path = root.resolve(relative);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null,
                    "terminology source missing from the corpora-samples folder " + root);
        }
        return path;
    }
}
