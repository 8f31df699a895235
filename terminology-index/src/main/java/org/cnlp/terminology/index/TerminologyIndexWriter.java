package org.cnlp.terminology.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.cnlp.terminology.index.internal.IndexFields;
import org.cnlp.terminology.index.internal.StemAnalyzer;
import org.cnlp.terminology.index.internal.TokenAnalyzer;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes concepts into a Lucene index folder that {@link TerminologyIndex#open} reads.
 *
 * <p>One document per concept. Stored: id, preferred term, synonyms with their types, xrefs, semantic
 * group, source. Indexed: the id, xrefs, group and source as keywords; every name (preferred term and
 * synonyms) normalised by {@link TermNormalizer} as a keyword ({@code name_exact}); every name but
 * abbreviations as word tokens ({@code name_token}: standard tokens, ASCII-folded, lower case; also what
 * fuzzy matching runs on) and as stemmed content words ({@code name_stem}: stop words removed, plurals
 * and possessives reduced).
 *
 * <p>The index is force-merged to one segment; {@value IndexMetadata#FILE_NAME} is written last, so a
 * folder without it is an unfinished build.
 */
public final class TerminologyIndexWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyIndexWriter.class);

    private TerminologyIndexWriter() {
    }

    /**
     * Builds an index, replacing any index in {@code dir}.
     *
     * @param concepts concepts with distinct ids
     * @param dir      the index folder (created if missing)
     * @return what was written
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if two concepts share an id
     */
    public static IndexMetadata build(Iterable<Concept> concepts, Path dir) throws IOException {
        return build(concepts, dir, Map.of());
    }

    /**
     * Builds an index, replacing any index in {@code dir}, and records where each source came from.
     *
     * @param concepts   concepts with distinct ids
     * @param dir        the index folder (created if missing)
     * @param provenance a description of each source (release, files), by {@code Concept.source()}
     * @return what was written
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if two concepts share an id
     */
    public static IndexMetadata build(Iterable<Concept> concepts, Path dir, Map<String, String> provenance)
            throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(IndexMetadata.FILE_NAME));
        Set<String> ids = new HashSet<>();
        Map<String, Integer> bySource = new TreeMap<>();
        int names = 0;
        try (Analyzer keyword = new KeywordAnalyzer();
                Analyzer token = new TokenAnalyzer();
                Analyzer stem = new StemAnalyzer();
                Analyzer analyzer = new PerFieldAnalyzerWrapper(keyword,
                        Map.of(IndexFields.NAME_TOKEN, token, IndexFields.NAME_STEM, stem));
                Directory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                        .setRAMBufferSizeMB(64))) {
            for (Concept concept : concepts) {
                if (!ids.add(concept.id())) {
                    throw new IllegalArgumentException("duplicate concept id " + concept.id());
                }
                names += addConcept(writer, concept);
                bySource.merge(concept.source(), 1, Integer::sum);
            }
            writer.forceMerge(1);
            writer.commit();
        }
        IndexMetadata metadata = new IndexMetadata(IndexMetadata.FORMAT_VERSION, Instant.now(),
                Version.LATEST.toString(), ids.size(), names, bySource, provenance);
        metadata.write(dir);
        LOG.info("Terminology index written to {}: {} concepts, {} names", dir, ids.size(), names);
        return metadata;
    }

    private static int addConcept(IndexWriter writer, Concept concept) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.ID, concept.id(), Field.Store.YES));
        doc.add(new StoredField(IndexFields.PREFERRED, concept.preferredTerm()));
        for (Synonym synonym : concept.synonyms()) {
            doc.add(new StoredField(IndexFields.SYNONYM, IndexFields.encode(synonym)));
        }
        for (String xref : concept.xrefs()) {
            doc.add(new StringField(IndexFields.XREF, xref, Field.Store.YES));
        }
        doc.add(new StringField(IndexFields.GROUP, concept.semanticGroup(), Field.Store.YES));
        doc.add(new StringField(IndexFields.SOURCE, concept.source(), Field.Store.YES));

        Set<String> normalized = new LinkedHashSet<>();
        Set<String> wordNames = new LinkedHashSet<>();
        addName(concept.preferredTerm(), SynonymType.EXACT, normalized, wordNames);
        for (Synonym synonym : concept.synonyms()) {
            addName(synonym.text(), synonym.type(), normalized, wordNames);
        }
        for (String name : normalized) {
            doc.add(new StringField(IndexFields.NAME_EXACT, name, Field.Store.NO));
        }
        for (String name : wordNames) {
            doc.add(new TextField(IndexFields.NAME_TOKEN, name, Field.Store.NO));
            doc.add(new TextField(IndexFields.NAME_STEM, name, Field.Store.NO));
        }
        writer.addDocument(doc);
        return normalized.size();
    }

    private static void addName(String name, SynonymType type, Set<String> normalized, Set<String> wordNames) {
        String key = TermNormalizer.normalize(name);
        if (key.isEmpty()) {
            return;
        }
        normalized.add(key);
        if (type != SynonymType.ABBREVIATION) {
            wordNames.add(name);
        }
    }
}
