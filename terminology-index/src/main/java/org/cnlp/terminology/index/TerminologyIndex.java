package org.cnlp.terminology.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.cnlp.terminology.index.internal.IndexFields;
import org.cnlp.terminology.index.internal.IndexedConcept;
import org.cnlp.terminology.index.internal.IndexedName;
import org.cnlp.terminology.index.internal.NameScorer;
import org.cnlp.terminology.index.internal.NameTerms;
import org.cnlp.terminology.index.internal.Plurals;
import org.cnlp.terminology.index.internal.TermPairAnalyzer;
import org.cnlp.terminology.internal.ConceptNames;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.model.Xrefs;

/**
 * Looks concepts up by name in an index written by {@link TerminologyIndexWriter}.
 *
 * <p>Thread-safe: one instance, with its single shared {@link IndexSearcher}, serves any number of threads;
 * every method may be called concurrently. {@link #close()} must be called once, by the owner, when no call
 * is in flight. Concepts, their prepared names and the exact-name postings are copied into memory when the
 * index is opened (about 33 MB for the default terminology); Lucene answers the word and fuzzy lookups.
 *
 * <p>Ranking (see {@link #search}): exact normalised names first, then abbreviations, then same words after
 * stemming, then word overlap, then fuzzy matches for misspellings. On equal scores the preferred term
 * beats a synonym, the Disease Ontology beats HPO, then the smaller id wins, so results are deterministic.
 */
public final class TerminologyIndex implements Closeable {

    /** Score of an exact match on the preferred term. */
    public static final double SCORE_PREFERRED = 1.0;
    /** Score of an exact match on an {@code EXACT} synonym. */
    public static final double SCORE_SYNONYM = 0.97;
    /** Score of a case-sensitive match on an abbreviation ({@code T2DM}). */
    public static final double SCORE_ABBREVIATION = 0.95;
    /** Score of an exact match on a {@code RELATED} synonym. */
    public static final double SCORE_RELATED = 0.93;
    /** Score of an exact match on a {@code LEARNED} synonym (a training-corpus mention). */
    public static final double SCORE_LEARNED = 0.92;
    /** Score of an exact match on a {@code BROAD} or {@code NARROW} synonym. */
    public static final double SCORE_BROAD_NARROW = 0.91;
    /** Score of a case-insensitive match on an abbreviation ({@code t2dm}). */
    public static final double SCORE_ABBREVIATION_ANY_CASE = 0.85;
    /** Highest score of a {@link MatchType#STEM} match. */
    public static final double WEIGHT_STEM = 0.9;
    /** Highest score of a {@link MatchType#TOKEN} match, reached when the words are the same in another order. */
    public static final double WEIGHT_TOKEN = 0.85;
    /** Highest score of a {@link MatchType#FUZZY} match. */
    public static final double WEIGHT_FUZZY = 0.8;
    /** Matches scoring below this are not returned by {@link #search}. */
    public static final double MIN_SCORE = 0.4;
    /** Fuzzy matching runs only when no exact, stem or word match scored at least this. */
    public static final double FUZZY_FALLBACK_BELOW = 0.8;
    /** Fuzzy matching first allows one edit per word, and two (for long words) only if nothing scored this. */
    public static final double FUZZY_RETRY_BELOW = 0.6;

    private static final int CANDIDATES = 64;
    private static final int MAX_QUERY_WORDS = 16;
    private static final int MAX_FUZZY_WORDS = 6;
    private static final int FUZZY_PREFIX = 1;
    private static final int FUZZY_EXPANSIONS = 50;
    private static final float TOKEN_BOOST = 0.5f;
    private static final int[] NO_DOCS = new int[0];

    private static final Comparator<ConceptMatch> RANKING = Comparator
            .comparingDouble(ConceptMatch::score).reversed()
            .thenComparing(match -> !match.matchedPreferredTerm())
            .thenComparingInt(match -> Sources.rank(match.concept().source()))
            .thenComparing(match -> match.concept().id());

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final IndexMetadata metadata;
    private final IndexedConcept[] byDoc;
    private final Map<String, IndexedConcept> byId;
    private final Map<String, int[]> docsByName;

    private TerminologyIndex(Directory directory, DirectoryReader reader, IndexMetadata metadata) throws IOException {
        this.directory = directory;
        this.reader = reader;
        this.metadata = metadata;
        this.searcher = new IndexSearcher(reader);
        this.analyzer = new TermPairAnalyzer();
        this.byDoc = new IndexedConcept[reader.maxDoc()];
        Map<String, IndexedConcept> ids = HashMap.newHashMap(reader.maxDoc());
        for (LeafReaderContext leaf : reader.leaves()) {
            StoredFields stored = leaf.reader().storedFields();
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                IndexedConcept concept = prepare(stored.document(doc));
                byDoc[leaf.docBase + doc] = concept;
                ids.put(concept.concept().id(), concept);
            }
        }
        this.byId = Map.copyOf(ids);
        this.docsByName = loadNames(reader);
    }

    /** Copies the postings of the {@code name_exact} field into memory: exact lookups then cost one hash probe. */
    private static Map<String, int[]> loadNames(DirectoryReader reader) throws IOException {
        Map<String, int[]> names = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(IndexFields.NAME_EXACT);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                int[] docs = new int[termsEnum.docFreq()];
                int count = 0;
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (count == docs.length) {
                        docs = Arrays.copyOf(docs, count * 2 + 1);
                    }
                    docs[count++] = leaf.docBase + doc;
                }
                names.merge(term.utf8ToString(), Arrays.copyOf(docs, count), TerminologyIndex::concat);
            }
        }
        return Map.copyOf(names);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Opens an index folder.
     *
     * @param dir a folder written by {@link TerminologyIndexWriter}
     * @return the open index, owned by the caller
     * @throws TerminologyIndexException if the folder is missing, holds no complete index, or an index of
     *                                   another format version (the message says how to rebuild it)
     * @throws IOException               if reading fails
     */
    public static TerminologyIndex open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new TerminologyIndexException("No terminology index at " + dir
                    + ": no such folder. Build one with 'cnlp terminology build'.");
        }
        IndexMetadata metadata = IndexMetadata.read(dir);
        Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = null;
        try {
            reader = DirectoryReader.open(directory);
            if (reader.numDocs() != metadata.concepts()) {
                throw new TerminologyIndexException("The terminology index in " + dir + " holds " + reader.numDocs()
                        + " concepts but its " + IndexMetadata.FILE_NAME + " says " + metadata.concepts()
                        + ". Rebuild it with 'cnlp terminology build'.");
            }
            return new TerminologyIndex(directory, reader, metadata);
        } catch (IndexNotFoundException | IndexFormatTooOldException | IndexFormatTooNewException
                | CorruptIndexException e) {
            IOUtils.closeWhileHandlingException(reader, directory);
            throw new TerminologyIndexException("The terminology index in " + dir + " cannot be read ("
                    + e.getMessage() + "). Rebuild it with 'cnlp terminology build'.", e);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(reader, directory);
            throw e;
        }
    }

    /**
     * Finds concepts for a name, ranked, fusing several strategies into one list with one score per concept
     * (its best match):
     * <ol>
     *   <li>{@link MatchType#EXACT}: the normalised text equals a normalised name ({@link TermNormalizer});
     *       {@value #SCORE_PREFERRED} on the preferred term, {@value #SCORE_SYNONYM} on an exact synonym,
     *       {@value #SCORE_RELATED} on a related one, {@value #SCORE_BROAD_NARROW} on a broad or narrow one;</li>
     *   <li>{@link MatchType#ABBREVIATION}: the text is an abbreviation of the concept,
     *       {@value #SCORE_ABBREVIATION} written as in the terminology, {@value #SCORE_ABBREVIATION_ANY_CASE}
     *       in another case or with a plural s ({@code MIs});</li>
     *   <li>{@link MatchType#STEM}: same content words in the same order after stemming, up to
     *       {@value #WEIGHT_STEM};</li>
     *   <li>{@link MatchType#TOKEN}: content words overlap, {@value #WEIGHT_TOKEN} times their Dice
     *       similarity;</li>
     *   <li>{@link MatchType#FUZZY}, only when nothing above scored {@value #FUZZY_FALLBACK_BELOW}: the query
     *       words that no name contains (likely misspellings) match words within 1 edit (4 letters or more),
     *       then, if nothing scored {@value #FUZZY_RETRY_BELOW}, within 2 edits (8 letters or more); first
     *       letter kept; {@value #WEIGHT_FUZZY} times the similarity.</li>
     * </ol>
     * Word-level scores are lowered slightly for synonyms (related, broad, narrow most). Matches under
     * {@value #MIN_SCORE} are dropped. Texts of more than 16 content words are only looked up exactly.
     *
     * @param text a name, as typed or as found in text
     * @param topK the most matches to return (at least 1)
     * @return matches, best first (empty if nothing matched)
     */
    public List<ConceptMatch> search(String text, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1: " + topK);
        }
        String raw = text.strip();
        String key = TermNormalizer.normalize(raw);
        if (key.isEmpty()) {
            return List.of();
        }
        try {
            Map<Integer, ConceptMatch> best = new HashMap<>();
            int strongExact = 0;
            for (int doc : docsByName.getOrDefault(key, NO_DOCS)) {
                ConceptMatch match = exactMatch(byDoc[doc], key, raw);
                offer(best, doc, match);
                if (match != null && match.score() > WEIGHT_STEM) {
                    strongExact++;
                }
            }
            if (best.isEmpty()) {
                pluralAbbreviation(best, raw);
            }
            NameTerms query = NameTerms.of(analyzer, raw);
            // word matches score at most WEIGHT_STEM, so they cannot enter a top K already filled above it
            if (strongExact < topK && !query.isEmpty() && query.size() <= MAX_QUERY_WORDS) {
                for (ScoreDoc hit : searcher.search(wordQuery(query), CANDIDATES).scoreDocs) {
                    offer(best, hit.doc, wordMatch(byDoc[hit.doc], query, false));
                }
                if (bestScore(best) < FUZZY_FALLBACK_BELOW) {
                    fuzzySearch(best, query, 1);
                    if (bestScore(best) < FUZZY_RETRY_BELOW) {
                        fuzzySearch(best, query, 2);
                    }
                }
            }
            return best.values().stream()
                    .filter(match -> match.score() >= MIN_SCORE)
                    .sorted(RANKING)
                    .limit(topK)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("terminology search failed", e);
        }
    }

    /**
     * Exact lookup: concepts with a name whose {@link TermNormalizer normalised} form equals the text's.
     * Much faster than {@link #search}; scores as in {@link #search} ({@link MatchType#EXACT} or
     * {@link MatchType#ABBREVIATION}).
     *
     * @param text a name
     * @return matches, best first (empty if none)
     */
    public List<ConceptMatch> exact(String text) {
        String raw = text.strip();
        String key = TermNormalizer.normalize(raw);
        if (key.isEmpty()) {
            return List.of();
        }
        int[] docs = docsByName.get(key);
        if (docs == null) {
            return List.of();
        }
        List<ConceptMatch> matches = new ArrayList<>(docs.length);
        for (int doc : docs) {
            ConceptMatch match = exactMatch(byDoc[doc], key, raw);
            if (match != null) {
                matches.add(match);
            }
        }
        if (matches.size() > 1) {
            matches.sort(RANKING);
        }
        return matches;
    }

    /**
     * @param id a concept id ({@code DOID:9352})
     * @return the concept, or empty if the index has no concept with that id
     */
    public Optional<Concept> concept(String id) {
        return Optional.ofNullable(byId.get(id)).map(IndexedConcept::concept);
    }

    /**
     * Concepts that cross-reference an id of another vocabulary.
     *
     * @param xref a cross-reference, normalised or not ({@code MESH:D003924}, {@code MSH:D003924})
     * @return the concepts, Disease Ontology first, then by id (empty if none)
     */
    public List<Concept> conceptsByXref(String xref) {
        Optional<String> key = Xrefs.normalize(xref);
        if (key.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.stream(docsWith(IndexFields.XREF, key.get()))
                    .mapToObj(doc -> byDoc[doc])
                    .sorted(Comparator.comparingInt(IndexedConcept::sourceRank)
                            .thenComparing(concept -> concept.concept().id()))
                    .map(IndexedConcept::concept)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("terminology lookup failed", e);
        }
    }

    /** @return the number of concepts */
    public int size() {
        return byDoc.length;
    }

    /** @return what the index folder says about itself */
    public IndexMetadata metadata() {
        return metadata;
    }

    /**
     * Calls {@code consumer} for every concept, in index order.
     *
     * @param consumer receives each concept
     */
    public void forEachConcept(Consumer<Concept> consumer) {
        for (IndexedConcept concept : byDoc) {
            consumer.accept(concept.concept());
        }
    }

    /**
     * Streams every name of every concept, e.g. to build an in-memory longest-match dictionary: the
     * preferred term, each synonym, and the regular plural of the preferred term and of each exact synonym
     * ({@link SynonymType#PLURAL}) when it is not already a name of the concept. Match
     * {@link NameEntry#normalizedName()} against text normalised with {@link TermNormalizer#normalize}, and
     * {@link SynonymType#ABBREVIATION} names case-sensitively against {@link NameEntry#name()}.
     *
     * @param consumer receives each name, concept by concept in index order
     */
    public void forEachName(Consumer<NameEntry> consumer) {
        for (IndexedConcept concept : byDoc) {
            Set<String> seen = new HashSet<>();
            for (IndexedName name : concept.names()) {
                seen.add(name.normalized());
            }
            for (IndexedName name : concept.names()) {
                consumer.accept(new NameEntry(concept.concept(), name.text(), name.normalized(), name.type(),
                        name.preferred()));
            }
            for (IndexedName name : concept.names()) {
                if (name.type() != SynonymType.EXACT) {
                    continue;
                }
                Optional<String> plural = Plurals.of(name.text());
                if (plural.isPresent()) {
                    String normalized = TermNormalizer.normalize(plural.get());
                    if (seen.add(normalized)) {
                        consumer.accept(new NameEntry(concept.concept(), plural.get(), normalized, SynonymType.PLURAL,
                                false));
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(reader, directory, analyzer);
    }

    private IndexedConcept prepare(Document doc) {
        String preferred = doc.get(IndexFields.PREFERRED);
        List<Synonym> synonyms = new ArrayList<>();
        for (String stored : doc.getValues(IndexFields.SYNONYM)) {
            synonyms.add(IndexFields.decode(stored));
        }
        Concept concept = new Concept(doc.get(IndexFields.ID), preferred, synonyms,
                List.of(doc.getValues(IndexFields.XREF)), doc.get(IndexFields.GROUP), doc.get(IndexFields.SOURCE));
        List<IndexedName> names = new ArrayList<>(synonyms.size() + 1);
        Set<String> seen = new LinkedHashSet<>();
        addName(names, seen, preferred, SynonymType.EXACT, true);
        for (Synonym synonym : synonyms) {
            addName(names, seen, synonym.text(), synonym.type(), false);
        }
        return new IndexedConcept(concept, Sources.rank(concept.source()), names);
    }

    private void addName(List<IndexedName> names, Set<String> seen, String text, SynonymType type, boolean preferred) {
        String normalized = TermNormalizer.normalize(text);
        if (normalized.isEmpty() || !seen.add(type.name() + ':' + text)) {
            return;
        }
        NameTerms terms = type == SynonymType.ABBREVIATION ? NameTerms.empty() : NameTerms.of(analyzer, text);
        names.add(new IndexedName(text, normalized, type, preferred, terms));
    }

    private int[] docsWith(String field, String value) throws IOException {
        int[] docs = new int[4];
        int count = 0;
        BytesRef bytes = new BytesRef(value);
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(bytes)) {
                continue;
            }
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (count == docs.length) {
                    docs = Arrays.copyOf(docs, count * 2);
                }
                docs[count++] = leaf.docBase + doc;
            }
        }
        return Arrays.copyOf(docs, count);
    }

    private static ConceptMatch exactMatch(IndexedConcept concept, String key, String raw) {
        ConceptMatch best = null;
        for (IndexedName name : concept.names()) {
            if (!name.normalized().equals(key)) {
                continue;
            }
            ConceptMatch match;
            if (name.type() == SynonymType.ABBREVIATION) {
                double score = name.text().equals(raw) ? SCORE_ABBREVIATION : SCORE_ABBREVIATION_ANY_CASE;
                match = new ConceptMatch(concept.concept(), score, MatchType.ABBREVIATION, name.text());
            } else {
                double score = name.preferred() ? SCORE_PREFERRED : exactSynonymScore(name.type());
                match = new ConceptMatch(concept.concept(), score, MatchType.EXACT, name.text());
            }
            if (best == null || match.score() > best.score()) {
                best = match;
            }
        }
        return best;
    }

    private static ConceptMatch wordMatch(IndexedConcept concept, NameTerms query, boolean fuzzy) {
        ConceptMatch best = null;
        for (IndexedName name : concept.names()) {
            if (name.terms().isEmpty()) {
                continue;
            }
            NameScorer.Alignment alignment = NameScorer.align(query, name.terms(), fuzzy);
            if (alignment.similarity() == 0) {
                continue;
            }
            MatchType type;
            double weight;
            if (alignment.fuzzy()) {
                type = MatchType.FUZZY;
                weight = WEIGHT_FUZZY;
            } else if (alignment.sameSequence()) {
                type = MatchType.STEM;
                weight = WEIGHT_STEM;
            } else {
                type = MatchType.TOKEN;
                weight = WEIGHT_TOKEN;
            }
            double score = weight * alignment.similarity() * nameFactor(name);
            if (best == null || score > best.score()) {
                best = new ConceptMatch(concept.concept(), score, type, name.text());
            }
        }
        return best;
    }

    private static double exactSynonymScore(SynonymType type) {
        return switch (type) {
            case RELATED -> SCORE_RELATED;
            case LEARNED -> SCORE_LEARNED;
            case BROAD, NARROW -> SCORE_BROAD_NARROW;
            default -> SCORE_SYNONYM;
        };
    }

    private static double nameFactor(IndexedName name) {
        if (name.preferred()) {
            return 1.0;
        }
        return switch (name.type()) {
            case RELATED -> 0.96;
            case LEARNED -> 0.95;
            case BROAD, NARROW -> 0.94;
            default -> 0.99;
        };
    }

    private static void offer(Map<Integer, ConceptMatch> best, int doc, ConceptMatch match) {
        if (match == null) {
            return;
        }
        best.merge(doc, match, (old, candidate) -> RANKING.compare(candidate, old) < 0 ? candidate : old);
    }

    private static double bestScore(Map<Integer, ConceptMatch> best) {
        double max = 0;
        for (ConceptMatch match : best.values()) {
            max = Math.max(max, match.score());
        }
        return max;
    }

    private static Query wordQuery(NameTerms query) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        Set<String> stems = new LinkedHashSet<>();
        Set<String> tokens = new LinkedHashSet<>();
        for (int i = 0; i < query.size(); i++) {
            stems.add(query.stem(i));
            tokens.add(query.token(i));
        }
        for (String stem : stems) {
            builder.add(new TermQuery(new Term(IndexFields.NAME_STEM, stem)), BooleanClause.Occur.SHOULD);
        }
        for (String token : tokens) {
            builder.add(new BoostQuery(new TermQuery(new Term(IndexFields.NAME_TOKEN, token)), TOKEN_BOOST),
                    BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    /** {@code MIs}, {@code UTIs}: an abbreviation, as written in the terminology, followed by a plural s. */
    private void pluralAbbreviation(Map<Integer, ConceptMatch> best, String raw) {
        if (raw.length() < 3 || raw.charAt(raw.length() - 1) != 's') {
            return;
        }
        String singular = raw.substring(0, raw.length() - 1);
        if (!ConceptNames.isAcronym(singular)) {
            return;
        }
        for (int doc : docsByName.getOrDefault(TermNormalizer.normalize(singular), NO_DOCS)) {
            for (IndexedName name : byDoc[doc].names()) {
                if (name.type() == SynonymType.ABBREVIATION && name.text().equals(singular)) {
                    offer(best, doc, new ConceptMatch(byDoc[doc].concept(), SCORE_ABBREVIATION_ANY_CASE,
                            MatchType.ABBREVIATION, name.text()));
                }
            }
        }
    }

    private void fuzzySearch(Map<Integer, ConceptMatch> best, NameTerms query, int edits) throws IOException {
        Optional<Query> fuzzy = fuzzyQuery(query, edits);
        if (fuzzy.isPresent()) {
            for (ScoreDoc hit : searcher.search(fuzzy.get(), CANDIDATES).scoreDocs) {
                offer(best, hit.doc, wordMatch(byDoc[hit.doc], query, true));
            }
        }
    }

    /**
     * Fuzzy query on the words of the query that no name contains (likely misspellings), with the known words
     * as plain terms; empty when every word is known or no unknown word is long enough to correct at
     * {@code edits} (unknown words allowing fewer edits than asked do not count, since a previous pass tried them).
     */
    private Optional<Query> fuzzyQuery(NameTerms query, int edits) throws IOException {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        Set<String> tokens = new LinkedHashSet<>();
        for (int i = 0; i < query.size(); i++) {
            tokens.add(query.token(i));
        }
        int fuzzyWords = 0;
        for (String token : tokens) {
            Term term = new Term(IndexFields.NAME_TOKEN, token);
            int maxEdits = Math.min(edits, NameScorer.maxEdits(token.length()));
            if (maxEdits > 0 && fuzzyWords < MAX_FUZZY_WORDS && reader.docFreq(term) == 0) {
                builder.add(new FuzzyQuery(term, maxEdits, FUZZY_PREFIX, FUZZY_EXPANSIONS, true),
                        BooleanClause.Occur.SHOULD);
                if (maxEdits == edits) {
                    fuzzyWords++;
                }
            } else {
                builder.add(new TermQuery(term), BooleanClause.Occur.SHOULD);
            }
        }
        return fuzzyWords == 0 ? Optional.empty() : Optional.of(builder.build());
    }
}
