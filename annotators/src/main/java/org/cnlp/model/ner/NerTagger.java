package org.cnlp.model.ner;

import java.util.ArrayList;
import java.util.List;
import org.cnlp.model.encoder.BatchingTokenRunner;
import org.cnlp.model.encoder.SlidingWindow;
import org.cnlp.model.encoder.TokenRunner;
import org.cnlp.model.encoder.TokenOutputs;
import org.cnlp.model.encoder.WindowedEncoder;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.cnlp.pipeline.microbatch.BatchSettings;

/**
 * Finds entities in texts of any length with a {@link ModelBundle}: the text is tokenized whole,
 * cut into overlapping windows of the bundle's length, run in batches, merged back per token
 * and decoded into spans with exact character offsets ({@link BioDecoder}) whose edges are kept
 * off stray punctuation ({@link SpanPunctuation}).
 *
 * <p>Thread-safe; owns its model and tokenizer: close it once, after the last call.
 */
public final class NerTagger implements AutoCloseable {

    /** Tokens two consecutive windows share, so that each token sees context on both sides. */
    public static final int DEFAULT_STRIDE = 32;

    /**
     * With shared passes, the windows of a text handed to the shared runner in one call (it cuts
     * them into passes): all of them for any note, a bounded array for a very long text.
     */
    private static final int WINDOWS_PER_SHARED_CALL = 256;

    private final String modelId;
    private final LabelScheme scheme;
    private final TokenRunner model;
    private final EncoderTokenizer tokenizer;
    private final WindowedEncoder encoder;
    private final BioDecoder decoder;
    private final int guideline;
    /** How many guidelines the model has (type ids it was trained with); unbounded when not known. */
    private final int guidelines;

    private NerTagger(String modelId, LabelScheme scheme, TokenRunner model, EncoderTokenizer tokenizer, WindowedEncoder encoder,
            int guideline, int guidelines) {
        this.modelId = modelId;
        this.scheme = scheme;
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.decoder = new BioDecoder(scheme);
        this.guideline = guideline;
        this.guidelines = guidelines;
    }

    /**
     * Loads a bundle with DJL PyTorch on the device a setting selects ({@code cpu}, {@code auto},
     * {@code cuda[:N]}): the same as {@link #load(ModelBundle, String, String, int)} with engine
     * {@code pytorch}. Kept on PyTorch so that callers that compare with training (which runs on
     * PyTorch) see the very same numbers; serving goes through the engine-aware overload.
     *
     * @param batchSize windows per forward pass
     */
    public static NerTagger load(ModelBundle bundle, String deviceSetting, int batchSize) {
        return load(bundle, "pytorch", deviceSetting, batchSize);
    }

    /**
     * Loads a bundle on an engine:
     * <ul>
     *   <li>{@code pytorch}: DJL PyTorch on the device the setting selects;</li>
     *   <li>{@code onnxruntime}: the weights exported to ONNX in memory and run by ONNX Runtime on
     *       the CPU (a {@code cuda} device setting is refused);</li>
     *   <li>{@code auto}: ONNX Runtime when the device setting resolves to the CPU (it is about twice
     *       as fast there), PyTorch on a GPU, and PyTorch on the CPU with a WARN when ONNX Runtime
     *       fails to initialise.</li>
     * </ul>
     * Logs one INFO line naming the engine and why it was chosen. The two engines give the same
     * entities (logits agree to about 1e-6).
     *
     * @param engine {@code auto}, {@code onnxruntime} or {@code pytorch}
     * @param deviceSetting {@code cpu}, {@code auto} or {@code cuda[:N]}
     * @param batchSize windows per forward pass
     * @throws IllegalArgumentException for an unknown engine, or onnxruntime with a CUDA device
     */
    public static NerTagger load(ModelBundle bundle, String engine, String deviceSetting, int batchSize) {
        return load(bundle, engine, deviceSetting, batchSize, null);
    }

    /**
     * As {@link #load(ModelBundle, String, String, int)}, with the forwards of concurrent callers
     * merged into shared passes ({@link BatchingTokenRunner}) when {@code sharedPasses} is given:
     * each text's windows then go to the shared queue at once, and the passes hold up to
     * {@code sharedPasses.maxBatchSize()} windows of whichever texts are waiting.
     *
     * @param sharedPasses how to merge concurrent forwards, or null for none (each call runs its own
     *     passes of {@code batchSize} windows)
     */
    public static NerTagger load(ModelBundle bundle, String engine, String deviceSetting, int batchSize, BatchSettings sharedPasses) {
        return load(bundle, engine, deviceSetting, batchSize, sharedPasses, "");
    }

    /**
     * As {@link #load(ModelBundle, String, String, int, BatchSettings)}, tagging under one of the
     * model's annotation guidelines ({@link ModelBundle#guidelines()}).
     *
     * @param guideline a guideline name, or blank for the model's first
     * @throws IllegalArgumentException for a guideline the model does not have (before anything loads)
     */
    public static NerTagger load(ModelBundle bundle, String engine, String deviceSetting, int batchSize, BatchSettings sharedPasses,
            String guideline) {
        int typeId = bundle.guidelineIndex(guideline);
        TokenRunner model = EngineSelection.open(bundle, engine, deviceSetting);
        return wrap(bundle.id(), bundle.scheme(), bundle.maxLength(), bundle.tokenizerJson(), model, batchSize, sharedPasses, typeId,
                Math.max(1, bundle.guidelines().size()));
    }

    /**
     * A tagger over an already loaded classifier (training evaluates its current weights this
     * way, through the same code that serves).
     *
     * @param model a runner of a {@link TokenClassifier} over {@code scheme} (any engine); the tagger owns it
     */
    public static NerTagger wrap(String modelId, LabelScheme scheme, int maxLength, String tokenizerJson, TokenRunner model,
            int batchSize) {
        return wrap(modelId, scheme, maxLength, tokenizerJson, model, batchSize, null, 0, Integer.MAX_VALUE);
    }

    private static NerTagger wrap(String modelId, LabelScheme scheme, int maxLength, String tokenizerJson, TokenRunner model,
            int batchSize, BatchSettings sharedPasses, int guideline, int guidelines) {
        if (model.outputSize() != scheme.size()) {
            model.close();
            throw new IllegalArgumentException("the model predicts " + model.outputSize() + " tags, the scheme has " + scheme.size());
        }
        EncoderTokenizer tokenizer = null;
        try {
            tokenizer = EncoderTokenizer.fromJson(tokenizerJson, TokenizerSettings.untruncated(maxLength));
            int stride = Math.min(DEFAULT_STRIDE, (maxLength - 2) / 4);
            if (sharedPasses != null) {
                model = new BatchingTokenRunner(modelId, model, tokenizer.padId(), sharedPasses);
                batchSize = Math.max(batchSize, WINDOWS_PER_SHARED_CALL);
            }
            WindowedEncoder encoder = new WindowedEncoder(model, tokenizer, new SlidingWindow(maxLength, stride), batchSize);
            return new NerTagger(modelId, scheme, model, tokenizer, encoder, guideline, guidelines);
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            model.close();
            throw e;
        }
    }

    /** The model id entities are stamped with. */
    public String modelId() {
        return modelId;
    }

    /** The tags. */
    public LabelScheme scheme() {
        return scheme;
    }

    /** The token type id of the annotation guideline {@link #tag(List)} follows (0 for the model's first). */
    public int guideline() {
        return guideline;
    }

    /** The model (engine, device, sizes). */
    public TokenRunner model() {
        return model;
    }

    /** The entities of one text. */
    public List<NerSpan> tag(String text) {
        return tag(List.of(text)).getFirst();
    }

    /** The entities of each text, in order; texts share forward passes. */
    public List<List<NerSpan>> tag(List<String> texts) {
        return tag(texts, guideline);
    }

    /**
     * The entities of each text as the model tags them under one of its annotation guidelines
     * ({@link ModelBundle#guidelines()}; 0 for a model trained on one).
     */
    public List<List<NerSpan>> tag(List<String> texts, int guideline) {
        if (guideline < 0 || guideline >= guidelines) {
            throw new IllegalArgumentException("guideline " + guideline + " is not one of the model's " + guidelines);
        }
        List<TokenOutputs> outputs = encoder.encode(texts, guideline);
        List<List<NerSpan>> spans = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            spans.add(SpanPunctuation.mend(texts.get(i), decoder.decode(outputs.get(i))));
        }
        return spans;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
