package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.tokenizer.TokenizerSettings;
import org.junit.jupiter.api.Test;

/**
 * The DJL encoder with the bundled MiniLM weights reproduces ONNX Runtime on the same ONNX model
 * (seen: 3.6e-6 on real tokens; padding rows, which nothing reads, differ by up to 5e-5).
 */
class MiniLmOnnxEquivalenceTest {

    private static final List<String> TEXTS = List.of(
            "The patient denies chest pain but reports dyspnea on exertion.",
            "Metformin 500 mg twice daily.",
            "No family history of BRCA1-associated breast or ovarian cancer; father had type 2 diabetes mellitus.",
            "Ok.");

    @Test
    void lastHiddenStateMatchesOnnxRuntime() throws IOException, OrtException {
        BundledEncoder bundled = BundledEncoder.ALL_MINILM_L6_V2;
        byte[] onnx = bundled.onnxModel();
        EncoderCheckpoint checkpoint = EncoderCheckpoint.fromOnnx(onnx, bundled.tokenizerJson(), bundled.numHeads(), "test");
        assertEquals(BertConfig.of(30522, 384, 6, 12, 1536, 512, 2), checkpoint.config());

        List<TokenSequence> sequences;
        try (EncoderTokenizer tokenizer = checkpoint.tokenizer(TokenizerSettings.truncating(128))) {
            sequences = tokenizer.encode(TEXTS);
        }
        EncoderBatch batch = EncoderBatch.of(sequences, 0);
        float[] djl;
        try (TokenModel model = checkpoint.load(Device.cpu())) {
            djl = model.forward(batch, output -> output.toFloatArray());
        }
        float[] ort = onLargeStack(() -> onnxRuntime(onnx, batch));

        assertEquals(ort.length, djl.length);
        int width = checkpoint.config().hiddenSize();
        float maxDiff = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.sequenceLength(b); t++) {
                int offset = (b * batch.length() + t) * width;
                for (int k = 0; k < width; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ort[offset + k] - djl[offset + k]));
                }
            }
        }
        assertTrue(maxDiff < 1e-4f, "max |DJL - ORT| over the real tokens = " + maxDiff);
    }

    /**
     * ONNX Runtime's native initialization can overflow a 1 MiB Java thread stack (seen as a
     * segfault with {@code -Xss1m} and a long classpath), so it runs on a thread with 16 MiB.
     */
    private static float[] onLargeStack(Callable<float[]> call) throws OrtException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(call.call());
            } catch (Exception e) {
                outcome.set(e);
            }
        }, "onnxruntime", 16L << 20);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (outcome.get() instanceof OrtException e) {
            throw e;
        }
        if (outcome.get() instanceof Exception e) {
            throw new IllegalStateException(e);
        }
        return (float[]) outcome.get();
    }

    private static float[] onnxRuntime(byte[] onnx, EncoderBatch batch) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch.size(), batch.length()};
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx, options);
                OnnxTensor idsTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.inputIds()), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape);
                OnnxTensor typesTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.tokenTypeIds()), shape);
                OrtSession.Result result = session.run(Map.of(
                        "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[] flat = new float[batch.size() * batch.length() * hidden[0][0].length];
            int k = 0;
            for (float[][] sequence : hidden) {
                for (float[] token : sequence) {
                    System.arraycopy(token, 0, flat, k, token.length);
                    k += token.length;
                }
            }
            return flat;
        }
    }
}
