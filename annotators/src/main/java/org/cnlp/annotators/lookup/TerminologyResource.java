package org.cnlp.annotators.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.cnlp.terminology.index.NameEntry;
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

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyResource.class);

    private TerminologyIndex index;
    private ConceptDictionary dictionary;

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
        if (!buildDictionary) {
            LOG.info("terminology index open: {} concepts", index.size());
            return true;
        }
        dictionary = buildDictionary(index, shortNameLength);
        LOG.info("terminology dictionary ready: {} names of {} concepts in {} ms", dictionary.size(), index.size(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /**
     * An engine's configuration pairs plus the binding of its {@code key} resource to the index
     * in {@code indexDir}, with or without the dictionary.
     */
    static Object[] bind(Object[] params, String key, Path indexDir, boolean withDictionary) {
        Object[] withResource = java.util.Arrays.copyOf(params, params.length + 2);
        withResource[params.length] = key;
        withResource[params.length + 1] = org.apache.uima.fit.factory.ExternalResourceFactory.createResourceDescription(
                TerminologyResource.class, PARAM_INDEX_DIR, indexDir.toAbsolutePath().toString(), PARAM_DICTIONARY,
                String.valueOf(withDictionary));
        return withResource;
    }

    static ConceptDictionary buildDictionary(TerminologyIndex index, int shortNameLength) {
        Tokenizer tokenizer = Tokenizer.standard();
        ConceptDictionary.Builder builder = ConceptDictionary.builder(shortNameLength);
        index.forEachName(entry -> builder.add(lookupNorms(tokenizer, entry.name()), toEntry(entry)));
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
