package org.cnlp.annotators.token;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.type.Token;

/**
 * Creates a {@link Token} for every word, number, punctuation and symbol of the document, with
 * {@code norm} from {@link TokenNormalizer} and {@code kind} from {@link TokenKind}. The rules are
 * {@link Tokenizer}'s.
 */
@TypeCapability(outputs = {
        "org.cnlp.type.Token",
        "org.cnlp.type.Token:norm",
        "org.cnlp.type.Token:kind"})
public class TokenAnnotator extends JCasAnnotator_ImplBase {

    /** Whether hyphens split words ({@code non-small-cell → non - small - cell}); default true. */
    public static final String PARAM_SPLIT_HYPHENS = "splitHyphens";

    @ConfigurationParameter(name = PARAM_SPLIT_HYPHENS, mandatory = false, defaultValue = "true",
            description = "Split words at hyphens; the dictionary lookup expects true.")
    private boolean splitHyphens;

    private Tokenizer tokenizer;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        tokenizer = new Tokenizer(splitHyphens);
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if (text == null) {
            return;
        }
        tokenizer.tokenize(text, 0, text.length(), (begin, end, kind) -> {
            Token token = new Token(jcas, begin, end);
            token.setNorm(TokenNormalizer.norm(text, begin, end));
            token.setKind(kind.name());
            token.addToIndexes();
        });
    }

    /** The standard tokenizer: hyphens split. */
    public static AnalysisEngineDescription description() throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(TokenAnnotator.class);
    }

    /** The tokenizer with hyphen splitting chosen. */
    public static AnalysisEngineDescription description(boolean splitHyphens) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(TokenAnnotator.class,
                PARAM_SPLIT_HYPHENS, splitHyphens);
    }
}
