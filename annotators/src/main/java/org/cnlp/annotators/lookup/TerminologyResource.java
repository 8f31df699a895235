package org.cnlp.annotators.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.uima.fit.component.Resource_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.ResourceSpecifier;
import org.cnlp.annotators.token.TokenKind;
import org.cnlp.annotators.token.TokenNormalizer;
import org.cnlp.annotators.token.Tokenizer;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.terminology.dense.DenseIndex;
import org.cnlp.terminology.dense.DenseIndexes;
import org.cnlp.terminology.dense.DenseMetadata;
import org.cnlp.terminology.index.NameEntry;
import org.cnlp.terminology.link.ConceptLinker;
import org.cnlp.terminology.link.LinkerSettings;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.SynonymType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminology index and the longest-match dictionary built from it, loaded once per
 * pipeline and shared by all engine replicas (bind it through one ResourceManager). Names are
 * tokenized with the pipeline's own {@link Tokenizer}, so dictionary and text tokens agree.
 * Thread-safe after initialisation; closes the index when the pipeline is destroyed.
 */
public final class TerminologyResource extends Resource_ImplBase {

    public static final String PARAM_INDEX_DIR = "indexDir";
    @ConfigurationParameter(name = PARAM_INDEX_DIR, mandatory = true, description = "Folder of the Lucene terminology index.")
    private String indexDir;

    public static final String PARAM_SHORT_NAME_LENGTH = "shortNameLength";
    @ConfigurationParameter(name = PARAM_SHORT_NAME_LENGTH, mandatory = false, defaultValue = "4",
            description = "Single-token names up to this length only match text written in capitals (abbreviations).")
    private int shortNameLength;

    public static final String PARAM_DICTIONARY = "dictionary";
    @ConfigurationParameter(name = PARAM_DICTIONARY, mandatory = false, defaultValue = "true",
            description = "Whether to build the longest-match dictionary (the linker of model entities only searches).")
    private boolean buildDictionary;

    public static final String PARAM_VECTORS_DIR = "vectorsDir";
    @ConfigurationParameter(name = PARAM_VECTORS_DIR, mandatory = false, defaultValue = "",
            description = "Folder of the concept-name vectors ('cnlp terminology embed') for dense and hybrid linking; "
                    + "empty or missing: lexical linking only.")
    private String vectorsDir;

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyResource.class);

    private TerminologyIndex index;
    private ConceptDictionary dictionary;
    private SentenceEmbedder embedder;
    private DenseIndex dense;
    private String vectorsStatus = "no vectors configured";

    @Override
    public boolean initialize(ResourceSpecifier specifier, Map<String, Object> additionalParams)
            throws ResourceInitializationException {
        if (!super.initialize(specifier, additionalParams)) {
            return false;
        }
        long start = System.nanoTime();
        try {
            index = TerminologyIndex.open(Path.of(indexDir));
        } catch (IOException | RuntimeException e) {
            throw new ResourceInitializationException(new IllegalStateException(
                    "cannot open the terminology index at " + indexDir + ": " + e.getMessage()
                            + " (build it with: cnlp terminology build)", e));
        }
        openVectors();
        if (!buildDictionary) {
            LOG.info("terminology index open: {} concepts", index.size());
            return true;
        }
        dictionary = buildDictionary(index, shortNameLength);
        LOG.info("terminology dictionary ready: {} names of {} concepts in {} ms", dictionary.size(), index.size(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** Opens the concept vectors and their embedder when configured and current; logs why not otherwise. */
    private void openVectors() throws ResourceInitializationException {
        if (vectorsDir == null || vectorsDir.isBlank()) {
            return;
        }
        Path dir = Path.of(vectorsDir);
        if (!Files.isRegularFile(dir.resolve(DenseMetadata.FILE_NAME))) {
            // Checked before the embedder is built: loading bge-small costs seconds at every start.
            vectorsStatus = "no concept vectors in " + dir + ": run 'cnlp terminology embed'";
            LOG.info("Dense linking off: {}", vectorsStatus);
            return;
        }
        SentenceEmbedder candidate = null;
        try {
            candidate = SentenceEmbedder.bgeSmall();
            String why = DenseIndexes.whyRebuild(dir, index, candidate);
            if (why != null) {
                vectorsStatus = "no current concept vectors in " + dir + " (" + why + "): run 'cnlp terminology embed'";
                LOG.warn("Dense linking off: {}", vectorsStatus);
                candidate.close();
                return;
            }
            // Linking searches the HNSW graph; the exact (CPU/CUDA) searcher is only created for searchExact.
            dense = DenseIndex.open(dir, index, "auto");
            embedder = candidate;
            vectorsStatus = dense.metadata().vectors() + " name vectors (" + dense.metadata().modelId() + ")";
            LOG.info("concept vectors open: {}", vectorsStatus);
        } catch (IOException | RuntimeException e) {
            if (candidate != null) {
                candidate.close();
            }
            embedder = null;
            closeQuietly();
            throw new ResourceInitializationException(new IllegalStateException(
                    "cannot open the concept vectors at " + dir + ": " + e.getMessage(), e));
        }
    }

    private void closeQuietly() {
        try {
            index.close();
        } catch (IOException e) {
            LOG.warn("closing the terminology index failed: {}", e.getMessage());
        }
    }

    /**
     * An engine's configuration pairs plus the binding of its {@code key} resource to the index
     * in {@code indexDir}, with or without the dictionary.
     */
    static Object[] bind(Object[] params, String key, Path indexDir, boolean withDictionary) {
        return bind(params, key, indexDir, withDictionary, null);
    }

    /** As {@link #bind(Object[], String, Path, boolean)}, with the concept vectors in {@code vectorsDir} (may be null). */
    static Object[] bind(Object[] params, String key, Path indexDir, boolean withDictionary, Path vectorsDir) {
        Object[] withResource = java.util.Arrays.copyOf(params, params.length + 2);
        withResource[params.length] = key;
        withResource[params.length + 1] = org.apache.uima.fit.factory.ExternalResourceFactory.createResourceDescription(
                TerminologyResource.class, PARAM_INDEX_DIR, indexDir.toAbsolutePath().toString(), PARAM_DICTIONARY,
                String.valueOf(withDictionary), PARAM_VECTORS_DIR,
                vectorsDir == null ? "" : vectorsDir.toAbsolutePath().toString());
        return withResource;
    }

    /** Whether dense and hybrid linking are available (current vectors were configured). */
    public boolean hasVectors() {
        return dense != null;
    }

    /** Why dense linking is or is not available, for logs and errors. */
    public String vectorsStatus() {
        return vectorsStatus;
    }

    /**
     * A linker over this resource's index (and vectors, for dense and hybrid modes).
     *
     * @throws IllegalStateException when the mode needs vectors this resource does not have
     */
    public ConceptLinker linker(LinkerSettings settings) {
        if (settings.mode().needsVectors() && dense == null) {
            throw new IllegalStateException(settings.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + " linking needs concept vectors: " + vectorsStatus);
        }
        return new ConceptLinker(index, dense, embedder, settings);
    }

    static ConceptDictionary buildDictionary(TerminologyIndex index, int shortNameLength) {
        Tokenizer tokenizer = Tokenizer.standard();
        ConceptDictionary.Builder builder = ConceptDictionary.builder(shortNameLength);
        // Learnt corpus wordings help linking, but a dictionary keeps to curated names.
        index.forEachName(entry -> {
            if (entry.type() != SynonymType.LEARNED) {
                builder.add(lookupNorms(tokenizer, entry.name()), toEntry(entry));
            }
        });
        return builder.build();
    }

    /** The token norms a name is stored under: the pipeline's tokens, hyphens left out. */
    static List<String> lookupNorms(Tokenizer tokenizer, String text) {
        List<String> norms = new ArrayList<>();
        tokenizer.tokenize(text, 0, text.length(), (begin, end, kind) -> {
            if (!isSkippable(text, begin, end, kind)) {
                norms.add(TokenNormalizer.norm(text, begin, end));
            }
        });
        return norms;
    }

    static boolean isSkippable(CharSequence text, int begin, int end, TokenKind kind) {
        return kind == TokenKind.PUNCT && end - begin == 1 && text.charAt(begin) == '-';
    }

    private static ConceptDictionary.Entry toEntry(NameEntry entry) {
        return new ConceptDictionary.Entry(entry.concept().id(), entry.name(), entry.preferred(),
                Sources.rank(entry.concept().source()), entry.type() == SynonymType.ABBREVIATION);
    }

    /** The dictionary, when the resource was configured to build one. */
    public ConceptDictionary dictionary() {
        if (dictionary == null) {
            throw new IllegalStateException("this terminology resource was configured without a dictionary");
        }
        return dictionary;
    }

    public TerminologyIndex index() {
        return index;
    }

    /** Index version for the {@code modelId} of produced entities. */
    public String version() {
        return "terminology:" + index.metadata().formatVersion() + "@" + index.metadata().builtAt();
    }

    @Override
    public void destroy() {
        try {
            if (dense != null) {
                dense.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the concept vectors failed: {}", e.getMessage());
        }
        if (embedder != null) {
            embedder.close();
        }
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            super.destroy();
        }
    }
}
