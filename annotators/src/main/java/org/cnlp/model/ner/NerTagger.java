package org.cnlp.model.ner;

import java.util.ArrayList;
import java.util.List;
import org.cnlp.model.encoder.SlidingWindow;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.encoder.TokenOutputs;
import org.cnlp.model.encoder.WindowedEncoder;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;

/**
 * Finds entities in texts of any length with a {@link ModelBundle}: the text is tokenized whole,
 * cut into overlapping windows of the bundle's length, run in batches, merged back per token
 * and decoded into spans with exact character offsets ({@link BioDecoder}).
 *
 * <p>Thread-safe; owns its model and tokenizer: close it once, after the last call.
 */
public final class NerTagger implements AutoCloseable {

    /** Tokens two consecutive windows share, so that each token sees context on both sides. */
    public static final int DEFAULT_STRIDE = 32;

    private final String modelId;
    private final LabelScheme scheme;
    private final TokenModel model;
    private final EncoderTokenizer tokenizer;
    private final WindowedEncoder encoder;
    private final BioDecoder decoder;

    private NerTagger(String modelId, LabelScheme scheme, TokenModel model, EncoderTokenizer tokenizer, WindowedEncoder encoder) {
        this.modelId = modelId;
        this.scheme = scheme;
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.decoder = new BioDecoder(scheme);
    }

    /**
     * Loads a bundle on the device a setting selects ({@code cpu}, {@code auto}, {@code cuda[:N]}).
     *
     * @param batchSize windows per forward pass
     */
    public static NerTagger load(ModelBundle bundle, String deviceSetting, int batchSize) {
        TokenModel model = TokenModel.create(new TokenClassifier(bundle.config(), bundle.scheme().size()), bundle.weights(),
                deviceSetting);
        return wrap(bundle.id(), bundle.scheme(), bundle.maxLength(), bundle.tokenizerJson(), model, batchSize);
    }

    /**
     * A tagger over an already loaded classifier (training evaluates its current weights this
     * way, through the same code that serves).
     *
     * @param model a model whose block is a {@link TokenClassifier} over {@code scheme}
     */
    public static NerTagger wrap(String modelId, LabelScheme scheme, int maxLength, String tokenizerJson, TokenModel model,
            int batchSize) {
        if (model.outputSize() != scheme.size()) {
            model.close();
            throw new IllegalArgumentException("the model predicts " + model.outputSize() + " tags, the scheme has " + scheme.size());
        }
        EncoderTokenizer tokenizer = EncoderTokenizer.fromJson(tokenizerJson, TokenizerSettings.untruncated(maxLength));
        int stride = Math.min(DEFAULT_STRIDE, (maxLength - 2) / 4);
        WindowedEncoder encoder = new WindowedEncoder(model, tokenizer, new SlidingWindow(maxLength, stride), batchSize);
        return new NerTagger(modelId, scheme, model, tokenizer, encoder);
    }

    /** The model id entities are stamped with. */
    public String modelId() {
        return modelId;
    }

    /** The tags. */
    public LabelScheme scheme() {
        return scheme;
    }

    /** The model (device, sizes). */
    public TokenModel model() {
        return model;
    }

    /** The entities of one text. */
    public List<NerSpan> tag(String text) {
        return tag(List.of(text)).getFirst();
    }

    /** The entities of each text, in order; texts share forward passes. */
    public List<List<NerSpan>> tag(List<String> texts) {
        List<TokenOutputs> outputs = encoder.encode(texts);
        List<List<NerSpan>> spans = new ArrayList<>(outputs.size());
        for (TokenOutputs output : outputs) {
            spans.add(decoder.decode(output));
        }
        return spans;
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } finally {
            model.close();
        }
    }
}
