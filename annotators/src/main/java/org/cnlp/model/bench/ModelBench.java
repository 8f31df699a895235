package org.cnlp.model.bench;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.encoder.TokenRunner;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.onnx.OnnxExport;
import org.cnlp.model.onnx.OnnxModelBuilder;
import org.cnlp.model.onnx.OnnxModelBuilder.Dim;
import org.cnlp.model.onnx.OrtThreads;
import org.cnlp.model.onnx.OrtTokenModel;
import org.cnlp.model.tokenizer.TokenSequence;

/**
 * Measures a trained {@link ModelBundle}'s classifier on the CPU through both engines, on the
 * same weights in the same run: batch-1 latency and large-batch throughput at a fixed sequence
 * length (all real tokens, no padding) through DJL PyTorch ({@link TokenModel}) and through ONNX
 * Runtime ({@link OrtTokenModel} on the {@link OnnxExport} of the weights), each engine's plain
 * fp32 matrix-multiply rate (1024^3: DJL {@code matMul}, and a one-MatMul ONNX graph), the
 * achieved GFLOP/s from the analytic cost of a sequence, and the largest logit difference
 * between the engines. Timings are medians; other load on the machine lowers them.
 */
public final class ModelBench {

    /** What the annotators run by default (engine auto, device cpu): ONNX Runtime. */
    public static final String SERVING_ENGINE = "onnxruntime";

    private static final int GEMM = 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBench() {}

    /**
     * What to measure.
     *
     * @param sequenceLength tokens per sequence, special tokens included
     * @param batchSize the throughput batch
     * @param latencyRuns timed batch-1 forwards per engine
     * @param throughputRuns timed large-batch forwards per engine
     * @param warmupRuns untimed batch-1 forwards before the latency timing (PyTorch's first calls
     *     are many times slower); the large batch gets one untimed forward
     * @param threads ONNX Runtime intra-op threads, 0 for its default (PyTorch uses its own default)
     */
    public record Settings(int sequenceLength, int batchSize, int latencyRuns, int throughputRuns, int warmupRuns, int threads) {
        public Settings {
            if (sequenceLength < 1 || batchSize < 1 || latencyRuns < 1 || throughputRuns < 1 || warmupRuns < 0 || threads < 0) {
                throw new IllegalArgumentException(
                        "sequence, batch and run counts must be positive, warm-ups and threads at least 0");
            }
        }

        /** Sequence 128, batch 32, 10 latency runs after 3 warm-ups, 3 throughput runs, ONNX Runtime's default threads. */
        public static Settings defaults() {
            return new Settings(128, 32, 10, 3, 3, 0);
        }
    }

    /**
     * One engine's numbers.
     *
     * @param engine {@code pytorch} or {@code onnxruntime}
     * @param description the runner's engine description
     * @param latencyMs median batch-1 forward
     * @param sequencesPerSecond large-batch throughput
     * @param gflops achieved GFLOP/s at the large batch (analytic FLOPs)
     * @param gemmPeakGflops this engine's fp32 1024^3 matrix-multiply rate in this run
     * @param fractionOfPeak {@code gflops / gemmPeakGflops}
     */
    public record EngineResult(String engine, String description, double latencyMs, double sequencesPerSecond, double gflops,
            double gemmPeakGflops, double fractionOfPeak) {}

    /**
     * The comparison.
     *
     * @param model the bundle's id
     * @param layers encoder layers
     * @param hidden hidden size
     * @param tags classifier outputs
     * @param parameters parameter count
     * @param cores available processors
     * @param gflopPerSequence analytic forward cost of one sequence (matrix products and attention)
     * @param pytorch DJL PyTorch
     * @param onnxRuntime ONNX Runtime
     * @param servingEngine the engine the annotators use by default ({@value #SERVING_ENGINE})
     * @param servingOverOnnxRuntime throughput of the serving engine over ONNX Runtime's
     * @param pytorchOverOnnxRuntime throughput of PyTorch over ONNX Runtime's
     * @param maxAbsLogitDifference largest |PyTorch - ONNX Runtime| over the logits of one large batch
     */
    public record Result(String model, int layers, int hidden, int tags, long parameters, int cores, Settings settings,
            double gflopPerSequence, EngineResult pytorch, EngineResult onnxRuntime, String servingEngine,
            double servingOverOnnxRuntime, double pytorchOverOnnxRuntime, float maxAbsLogitDifference) {

        /** A small text table. */
        public String toTable() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s: %d layers, hidden %d, %d tags, %.1f M parameters; %d cores%n", model,
                    layers, hidden, tags, parameters / 1e6, cores));
            out.append(String.format(Locale.ROOT, "sequence %d (no padding), %.2f GFLOP per sequence; medians of %d (batch 1) and"
                    + " %d (batch %d) runs%n", settings.sequenceLength(), gflopPerSequence, settings.latencyRuns(),
                    settings.throughputRuns(), settings.batchSize()));
            out.append(String.format(Locale.ROOT, "%-12s %-18s %12s %18s %10s %12s %8s%n", "engine", "runner", "b1 latency",
                    "b" + settings.batchSize() + " throughput", "GFLOP/s", "GEMM peak", "of peak"));
            for (EngineResult r : List.of(pytorch, onnxRuntime)) {
                out.append(String.format(Locale.ROOT, "%-12s %-18s %9.1f ms %12.2f seq/s %10.1f %7.1f GF/s %7.0f%%%n", r.engine(),
                        r.description(), r.latencyMs(), r.sequencesPerSecond(), r.gflops(), r.gemmPeakGflops(),
                        100 * r.fractionOfPeak()));
            }
            out.append(String.format(Locale.ROOT, "annotators' engine (auto on cpu): %s; its throughput / ONNX Runtime's: %.2f;"
                    + " PyTorch / ONNX Runtime: %.2f%n", servingEngine, servingOverOnnxRuntime, pytorchOverOnnxRuntime));
            out.append(String.format(Locale.ROOT, "max |PyTorch - ONNX Runtime| over the logits of one batch: %.1e%n",
                    maxAbsLogitDifference));
            return out.toString();
        }

        /** The result as indented JSON. */
        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the benchmark result as JSON", e);
            }
        }
    }

    /** Runs the comparison on a bundle's weights. */
    public static Result run(ModelBundle bundle, Settings settings) {
        BertConfig config = bundle.config();
        if (settings.sequenceLength() > config.maxPositions()) {
            throw new IllegalArgumentException("sequence " + settings.sequenceLength() + " exceeds the model's "
                    + config.maxPositions() + " positions");
        }
        int tags = bundle.scheme().size();
        double gflop = EncoderBench.gflopPerSequence(config, settings.sequenceLength())
                + 2.0 * config.hiddenSize() * tags * settings.sequenceLength() / 1e9;
        EncoderBatch one = randomBatch(config, 1, settings.sequenceLength(), 1);
        EncoderBatch many = randomBatch(config, settings.batchSize(), settings.sequenceLength(), 2);

        Timing pytorch;
        double pytorchPeak;
        try (TokenModel model = TokenModel.create(new TokenClassifier(config, tags), bundle.weights(), Device.cpu())) {
            pytorchPeak = EncoderBench.gemmPeak();
            pytorch = time(model, one, many, settings);
        }
        Timing ort;
        double ortPeak;
        byte[] onnx = OnnxExport.export(config, bundle.weights());
        try (OrtTokenModel model = OrtTokenModel.create(onnx, tags, config.maxPositions(), settings.threads())) {
            ortPeak = onnxRuntimeGemmPeak(settings.threads());
            ort = time(model, one, many, settings);
        }
        float difference = 0;
        for (int b = 0; b < many.size(); b++) {
            float[] p = pytorch.output().get(b);
            float[] o = ort.output().get(b);
            for (int i = 0; i < p.length; i++) {
                difference = Math.max(difference, Math.abs(p[i] - o[i]));
            }
        }
        EngineResult pytorchResult = pytorch.result("pytorch", gflop, pytorchPeak);
        EngineResult ortResult = ort.result("onnxruntime", gflop, ortPeak);
        EngineResult serving = SERVING_ENGINE.equals(pytorchResult.engine()) ? pytorchResult : ortResult;
        double ortThroughput = ortResult.sequencesPerSecond();
        return new Result(bundle.id(), config.numLayers(), config.hiddenSize(), tags, bundle.parameterCount(),
                Runtime.getRuntime().availableProcessors(), settings, gflop, pytorchResult, ortResult, SERVING_ENGINE,
                serving.sequencesPerSecond() / ortThroughput, pytorchResult.sequencesPerSecond() / ortThroughput, difference);
    }

    /**
     * Latency at batch 1 and throughput at the settings' batch through the serving engine
     * (ONNX Runtime) only: what comparing two models on the serving path needs.
     *
     * @return {@code [latency ms, sequences per second]}
     */
    public static double[] servingSpeed(ModelBundle bundle, Settings settings) {
        BertConfig config = bundle.config();
        EncoderBatch one = randomBatch(config, 1, settings.sequenceLength(), 1);
        EncoderBatch many = randomBatch(config, settings.batchSize(), settings.sequenceLength(), 2);
        try (OrtTokenModel model = OrtTokenModel.create(OnnxExport.export(config, bundle.weights()), bundle.scheme().size(),
                config.maxPositions(), settings.threads())) {
            Timing timing = time(model, one, many, settings);
            return new double[] {timing.latencySeconds() * 1000, timing.batchSize() / timing.batchSeconds()};
        }
    }

    private record Timing(String description, double latencySeconds, double batchSeconds, int batchSize, List<float[]> output) {
        EngineResult result(String engine, double gflop, double peak) {
            double perSecond = batchSize / batchSeconds;
            return new EngineResult(engine, description, latencySeconds * 1000, perSecond, perSecond * gflop, peak,
                    perSecond * gflop / peak);
        }
    }

    private static Timing time(TokenRunner model, EncoderBatch one, EncoderBatch many, Settings settings) {
        double latency = median(settings.latencyRuns(), settings.warmupRuns(), () -> model.forward(one));
        List<List<float[]>> last = new ArrayList<>(1);
        double batch = median(settings.throughputRuns(), 1, () -> {
            last.clear();
            last.add(model.forward(many));
        });
        return new Timing(model.engineDescription(), latency, batch, many.size(), last.getFirst());
    }

    /** ONNX Runtime's fp32 1024^3 MatMul rate: a one-node graph, A fed once as a native tensor, B an initializer. */
    static double onnxRuntimeGemmPeak(int threads) {
        OnnxModelBuilder graph = new OnnxModelBuilder("gemm");
        graph.input("a", OnnxModelBuilder.FLOAT, Dim.of(GEMM), Dim.of(GEMM));
        SplittableRandom random = new SplittableRandom(3);
        float[] a = new float[GEMM * GEMM];
        float[] b = new float[GEMM * GEMM];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * random.nextDouble() - 1);
            b[i] = (float) (2 * random.nextDouble() - 1);
        }
        graph.initializer("b", new long[] {GEMM, GEMM}, b);
        graph.node("MatMul", "c", List.of("a", "b"));
        graph.output("c", OnnxModelBuilder.FLOAT, Dim.of(GEMM), Dim.of(GEMM));
        byte[] model = graph.build(OnnxExport.IR_VERSION, OnnxExport.OPSET, "cnlp-bench");
        try {
            double seconds = OrtThreads.call(() -> {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                    if (threads > 0) {
                        options.setIntraOpNumThreads(threads);
                    }
                    try (OrtSession session = env.createSession(model, options);
                            OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {GEMM, GEMM})) {
                        Map<String, OnnxTensor> inputs = Map.of("a", input);
                        return median(10, 3, () -> {
                            try (OrtSession.Result result = session.run(inputs)) {
                                result.get(0);
                            }
                        });
                    }
                }
            });
            return 2.0 * GEMM * GEMM * GEMM / seconds / 1e9;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime MatMul benchmark failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface Timed {
        void run() throws Exception;
    }

    /** The median seconds of {@code runs} timed runs after {@code warmups} untimed ones. */
    static double median(int runs, int warmups, Timed timed) {
        try {
            for (int i = 0; i < warmups; i++) {
                timed.run();
            }
            double[] seconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                timed.run();
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            return runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark run failed: " + e.getMessage(), e);
        }
    }

    /** A batch of random token ids (no padding, no special tokens) for timing. */
    static EncoderBatch randomBatch(BertConfig config, int size, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int low = Math.min(1000, config.vocabSize() / 2);
        List<TokenSequence> sequences = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            long[] ids = new long[length];
            int[] starts = new int[length];
            int[] ends = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = low + random.nextInt(config.vocabSize() - low);
                starts[t] = t;
                ends[t] = t + 1;
            }
            sequences.add(TokenSequence.of(ids, starts, ends));
        }
        return EncoderBatch.of(sequences, 0);
    }
}
