package org.cnlp.multimodal.vqa;

import java.io.IOException;
import java.nio.file.Path;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.ner.ModelBundle;

/**
 * The question encoder of the VQA models: the text encoder of an NER bundle (the distilled
 * student by default), mean-pooled over the question's tokens, L2-normalised, on ONNX Runtime.
 */
public final class QuestionEncoders {

    /** Questions are short: 40 tokens keep all of VQA-RAD's. */
    public static final int MAX_LENGTH = 40;

    private QuestionEncoders() {}

    /** The encoder of the bundle in {@code bundleDir} (verified on open). */
    public static SentenceEmbedder open(Path bundleDir) throws IOException {
        ModelBundle bundle = ModelBundle.open(bundleDir);
        return open(bundle);
    }

    /** The encoder of an opened bundle; its model id is the bundle's id. */
    public static SentenceEmbedder open(ModelBundle bundle) {
        EncoderCheckpoint checkpoint = new EncoderCheckpoint(bundle.config(), bundle.weights(), bundle.tokenizerJson(),
                bundle.directory().toString());
        return SentenceEmbedder.open(checkpoint, bundle.id(), MAX_LENGTH, 0, SentenceEmbedder.Pooling.MEAN);
    }
}
