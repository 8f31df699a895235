package org.cnlp.model.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.TokenRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token model (an {@link OnnxExport} or any ONNX model with {@code input_ids},
 * {@code attention_mask} and optionally {@code token_type_ids} inputs, and a
 * {@code [batch, tokens, width]} float first output) run by ONNX Runtime on the CPU.
 *
 * <p>Thread-safe: concurrent forwards share the session (ONNX Runtime allows concurrent
 * {@code run} calls). Session creation and runs happen on {@link OrtThreads}' large-stack
 * threads. {@link #close} waits for forwards in flight, then releases the session; a forward
 * after that fails.
 */
public final class OrtTokenModel implements TokenRunner {

    private static final Logger LOG = LoggerFactory.getLogger(OrtTokenModel.class);
    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String outputName;
    private final boolean feedsTypes;
    private final int outputSize;
    private final int maxSequenceLength;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OrtTokenModel(OrtEnvironment environment, OrtSession session, String outputName, boolean feedsTypes, int outputSize,
            int maxSequenceLength) {
        this.environment = environment;
        this.session = session;
        this.outputName = outputName;
        this.feedsTypes = feedsTypes;
        this.outputSize = outputSize;
        this.maxSequenceLength = maxSequenceLength;
    }

    /**
     * Creates a session over {@code onnxModel}.
     *
     * @param outputSize the width of each token's output (tags, or hidden size)
     * @param maxSequenceLength the model's positions
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per core)
     * @throws IllegalArgumentException when the model's inputs or output do not fit
     * @throws IllegalStateException when ONNX Runtime cannot load the model
     */
    public static OrtTokenModel create(byte[] onnxModel, int outputSize, int maxSequenceLength, int intraOpThreads) {
        if (outputSize < 1 || maxSequenceLength < 1 || intraOpThreads < 0) {
            throw new IllegalArgumentException("outputSize and maxSequenceLength must be positive, intraOpThreads at least 0");
        }
        long start = System.nanoTime();
        OrtTokenModel model;
        try {
            model = OrtThreads.call(() -> open(onnxModel, outputSize, maxSequenceLength, intraOpThreads));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        LOG.info("ONNX Runtime session ready in {} ms: {} MB model, output {} of width {}, {} intra-op threads",
                (System.nanoTime() - start) / 1_000_000, onnxModel.length >> 20, model.outputName, outputSize,
                intraOpThreads == 0 ? "default" : intraOpThreads);
        return model;
    }

    private static OrtTokenModel open(byte[] onnxModel, int outputSize, int maxSequenceLength, int threads) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(onnxModel, options);
        }
        try {
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains(IDS) || !inputs.contains(MASK)) {
                throw new IllegalArgumentException(
                        "the ONNX model's inputs are " + inputs + "; it needs " + IDS + " and " + MASK);
            }
            for (String input : inputs) {
                if (!List.of(IDS, MASK, TYPES).contains(input)) {
                    throw new IllegalArgumentException("the ONNX model has an input " + input + " this runner cannot feed");
                }
            }
            Map.Entry<String, NodeInfo> output = session.getOutputInfo().entrySet().iterator().next();
            if (!(output.getValue().getInfo() instanceof TensorInfo info) || info.getShape().length != 3) {
                throw new IllegalArgumentException(
                        "the ONNX model's output " + output.getKey() + " is not a [batch, tokens, width] tensor");
            }
            long width = info.getShape()[2];
            if (width > 0 && width != outputSize) {
                throw new IllegalArgumentException("the ONNX model's output " + output.getKey() + " has width " + width
                        + ", expected " + outputSize);
            }
            return new OrtTokenModel(environment, session, output.getKey(), inputs.contains(TYPES), outputSize,
                    maxSequenceLength);
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public int maxSequenceLength() {
        return maxSequenceLength;
    }

    @Override
    public List<float[]> forward(EncoderBatch batch) {
        if (batch.length() > maxSequenceLength) {
            throw new IllegalArgumentException("batch length " + batch.length() + " exceeds the model's " + maxSequenceLength
                    + " positions");
        }
        try {
            return OrtThreads.call(() -> {
                lock.readLock().lock();
                try {
                    if (closed) {
                        throw new IllegalStateException("the ONNX Runtime model is closed");
                    }
                    return run(batch);
                } finally {
                    lock.readLock().unlock();
                }
            });
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime forward failed: " + e.getMessage(), e);
        }
    }

    private List<float[]> run(EncoderBatch batch) throws OrtException {
        long[] shape = {batch.size(), batch.length()};
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            inputs.put(IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.inputIds()), shape));
            inputs.put(MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.attentionMask()), shape));
            if (feedsTypes) {
                inputs.put(TYPES, OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.tokenTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor tensor)) {
                    throw new IllegalStateException("the ONNX model's output is not a tensor");
                }
                long[] expected = {batch.size(), batch.length(), outputSize};
                long[] actual = tensor.getInfo().getShape();
                if (!Arrays.equals(actual, expected)) {
                    throw new IllegalStateException("the ONNX model returned shape " + Arrays.toString(actual) + ", expected "
                            + Arrays.toString(expected));
                }
                FloatBuffer values = tensor.getFloatBuffer();
                List<float[]> rows = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    float[] row = new float[batch.sequenceLength(b) * outputSize];
                    values.get(b * batch.length() * outputSize, row);
                    rows.add(row);
                }
                return rows;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public String engineDescription() {
        return "OnnxRuntime cpu";
    }

    /** Waits for forwards in flight, then releases the session; later calls do nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            OrtThreads.call(() -> {
                session.close();
                return null;
            });
        } catch (OrtException e) {
            LOG.warn("closing the ONNX Runtime session failed: {}", e.getMessage());
        } finally {
            lock.writeLock().unlock();
        }
    }
}
