package org.cnlp.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BundledEncoder;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.encoder.SlidingWindow;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.encoder.TokenOutputs;
import org.cnlp.model.encoder.WindowedEncoder;
import org.cnlp.model.tokenizer.EncoderTokenizer;
import org.cnlp.model.tokenizer.TokenSequence;
import org.cnlp.model.tokenizer.TokenizerSettings;

/**
 * Measures the encoder runtime on CPU: forward latency at batch 1 and throughput at a larger
 * batch, through DJL PyTorch and through ONNX Runtime on the same weights in the same run, with
 * the achieved GFLOP/s against PyTorch's plain fp32 matrix-multiply rate; and, separately,
 * resident memory while a stream of documents goes through the windowed encoder.
 *
 * <p>Run {@code main} with {@code --help}; {@link #run} and {@link #memory} are for callers such
 * as {@code cnlp bench}. Timings are medians of repeated runs; the machine may be shared.
 */
public final class EncoderBench {

    private EncoderBench() {}

    /**
     * What to measure.
     *
     * @param sequenceLength tokens per sequence (all real tokens, no padding)
     * @param batchSize the throughput batch
     * @param latencyRuns timed batch-1 forwards
     * @param throughputRuns timed large-batch forwards
     * @param threads intra-op threads for ONNX Runtime (PyTorch uses its own default: the cores)
     */
    public record Settings(int sequenceLength, int batchSize, int latencyRuns, int throughputRuns, int threads) {
        /** Sequence 128, batch 32, 40 and 8 runs, one thread per available core. */
        public static Settings defaults() {
            return new Settings(128, 32, 40, 8, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * One engine's numbers.
     *
     * @param latencyMs median batch-1 forward time
     * @param sequencesPerSecond large-batch throughput
     * @param gflops achieved GFLOP/s at the large batch
     */
    public record EngineResult(String engine, double latencyMs, double sequencesPerSecond, double gflops) {}

    /**
     * The comparison.
     *
     * @param gflopPerSequence forward cost of one sequence
     * @param gemmPeakGflops PyTorch's fp32 1024^3 matrix-multiply rate in this run
     * @param maxAbsDifference largest difference between the two engines' outputs on one batch
     */
    public record Report(String model, Settings settings, double gflopPerSequence, double gemmPeakGflops, EngineResult djl,
            EngineResult ort, float maxAbsDifference) {

        /** A small text table. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s, sequence %d, %d threads, %.2f GFLOP per sequence%n", model,
                    settings.sequenceLength(), settings.threads(), gflopPerSequence));
            out.append(String.format(Locale.ROOT, "PyTorch fp32 GEMM peak (1024^3): %.0f GFLOP/s%n", gemmPeakGflops));
            out.append(String.format(Locale.ROOT, "%-14s %12s %16s %10s%n", "engine", "b1 latency", "b" + settings.batchSize()
                    + " throughput", "GFLOP/s"));
            for (EngineResult r : List.of(djl, ort)) {
                out.append(String.format(Locale.ROOT, "%-14s %9.1f ms %12.1f seq/s %10.0f%n", r.engine(), r.latencyMs(),
                        r.sequencesPerSecond(), r.gflops()));
            }
            out.append(String.format(Locale.ROOT, "DJL / ORT throughput: %.0f%%; max |DJL - ORT| on one batch: %.1e%n",
                    100 * djl.sequencesPerSecond() / ort.sequencesPerSecond(), maxAbsDifference));
            return out.toString();
        }
    }

    /**
     * Resident memory while documents stream through the windowed encoder.
     *
     * @param documents documents encoded
     * @param tokens text tokens encoded
     * @param rssMiB resident set size (MiB) after each tenth of the documents
     * @param seconds wall time
     */
    public record MemoryReport(int documents, long tokens, List<Long> rssMiB, double seconds) {

        /** A one-paragraph summary. */
        public String format() {
            return String.format(Locale.ROOT, "%d documents (%d tokens) in %.0f s, %.0f docs/s; RSS MiB after each tenth: %s%n",
                    documents, tokens, seconds, documents / seconds, rssMiB);
        }
    }

    /** Latency and throughput through both engines on a bundled model. */
    public static Report run(BundledEncoder bundled, Settings settings) throws IOException, OrtException {
        byte[] onnx = bundled.onnxModel();
        EncoderCheckpoint checkpoint = EncoderCheckpoint.fromOnnx(onnx, bundled.tokenizerJson(), bundled.numHeads(), bundled.name());
        BertConfig config = checkpoint.config();
        double gflop = gflopPerSequence(config, settings.sequenceLength());
        EncoderBatch one = ModelBench.randomBatch(config, 1, settings.sequenceLength(), 1);
        EncoderBatch many = ModelBench.randomBatch(config, settings.batchSize(), settings.sequenceLength(), 2);

        float[] djlOut;
        EngineResult djl;
        double peak;
        try (TokenModel model = checkpoint.load(Device.cpu())) {
            peak = gemmPeak();
            double latency = median(settings.latencyRuns(), () -> model.forward(one, NDArray::toFloatArray));
            double batchTime = median(settings.throughputRuns(), () -> model.forward(many, NDArray::toFloatArray));
            djlOut = model.forward(many, NDArray::toFloatArray);
            djl = result("DJL PyTorch", latency, settings.batchSize() / batchTime, gflop);
        }
        OrtRun ortRun = onLargeStack(() -> onnxRuntime(onnx, settings, one, many, gflop));
        float[] ortOut = ortRun.output();
        float diff = 0;
        for (int i = 0; i < djlOut.length; i++) {
            diff = Math.max(diff, Math.abs(djlOut[i] - ortOut[i]));
        }
        return new Report(bundled.name(), settings, gflop, peak, djl, ortRun.result(), diff);
    }

    private record OrtRun(EngineResult result, float[] output) {}

    private static OrtRun onnxRuntime(byte[] onnx, Settings settings, EncoderBatch one, EncoderBatch many, double gflop)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(settings.threads());
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(onnx, options);
                    OrtInputs small = OrtInputs.of(env, one);
                    OrtInputs large = OrtInputs.of(env, many)) {
                double latency = median(settings.latencyRuns(), () -> small.run(session));
                double batchTime = median(settings.throughputRuns(), () -> large.run(session));
                return new OrtRun(result("ONNX Runtime", latency, settings.batchSize() / batchTime, gflop), large.run(session));
            }
        }
    }

    /**
     * Runs on a thread with a 16 MiB stack: ONNX Runtime 1.29's native initialization overflows
     * the default 1 MiB Java thread stack on this platform (seen as a segfault in
     * {@code OrtEnvironment.getEnvironment()} with {@code -Xss1m}; 2 MiB suffices).
     */
    private static <T> T onLargeStack(Timed.Call<T> call) throws OrtException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(call.call());
            } catch (Exception | Error e) {
                outcome.set(e);
            }
        }, "ort-bench", 16L << 20);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ONNX Runtime ran", e);
        }
        Object result = outcome.get();
        switch (result) {
            case OrtException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Exception e -> throw new IllegalStateException(e);
            default -> {
                @SuppressWarnings("unchecked")
                T value = (T) result;
                return value;
            }
        }
    }

    /**
     * Streams {@code documents} synthetic notes of 20-80 words through a {@link WindowedEncoder}
     * (windows of 128, stride 32, batches of 16) and samples the process's resident memory.
     */
    public static MemoryReport memory(BundledEncoder bundled, int documents) throws IOException {
        EncoderCheckpoint checkpoint = bundled.checkpoint();
        SplittableRandom random = new SplittableRandom(11);
        List<String> words = List.of("patient", "denies", "chest", "pain", "fever", "reports", "dyspnea", "on", "exertion",
                "history", "of", "type", "2", "diabetes", "mellitus", "metformin", "500", "mg", "daily", "no", "acute", "distress",
                "left", "arm", "numbness", "and", "hypertension", "lisinopril", ".", ",");
        List<Long> samples = new ArrayList<>();
        long tokens = 0;
        long start = System.nanoTime();
        try (TokenModel model = checkpoint.load(Device.cpu());
                EncoderTokenizer tokenizer = checkpoint.tokenizer(TokenizerSettings.untruncated(128))) {
            WindowedEncoder encoder = new WindowedEncoder(model, tokenizer, new SlidingWindow(128, 32), 16);
            int step = Math.max(1, documents / 10);
            for (int done = 0; done < documents; ) {
                List<String> chunk = new ArrayList<>();
                for (int i = 0; i < 16 && done + i < documents; i++) {
                    StringBuilder note = new StringBuilder();
                    int length = 20 + random.nextInt(61);
                    for (int w = 0; w < length; w++) {
                        note.append(words.get(random.nextInt(words.size()))).append(' ');
                    }
                    chunk.add(note.toString());
                }
                tokens += encoder.encode(chunk).stream().mapToLong(TokenOutputs::size).sum();
                int before = done;
                done += chunk.size();
                if (done / step > before / step || done == documents) {
                    samples.add(residentMiB());
                }
            }
        }
        return new MemoryReport(documents, tokens, samples, (System.nanoTime() - start) / 1e9);
    }

    /** Runs the comparison (and the memory stream with {@code --memory N}). */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.defaults();
        int memoryDocuments = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> settings = new Settings(settings.sequenceLength(), Integer.parseInt(args[++i]),
                        settings.latencyRuns(), settings.throughputRuns(), settings.threads());
                case "--sequence" -> settings = new Settings(Integer.parseInt(args[++i]), settings.batchSize(),
                        settings.latencyRuns(), settings.throughputRuns(), settings.threads());
                case "--memory" -> memoryDocuments = Integer.parseInt(args[++i]);
                default -> {
                    System.out.println("usage: EncoderBench [--sequence 128] [--batch 32] [--memory DOCUMENTS]");
                    return;
                }
            }
        }
        System.out.print(run(BundledEncoder.ALL_MINILM_L6_V2, settings).format());
        if (memoryDocuments > 0) {
            System.out.print(memory(BundledEncoder.ALL_MINILM_L6_V2, memoryDocuments).format());
        }
    }

    /** 2 x non-embedding parameters x tokens (matrix products) + 4 x layers x tokens^2 x hidden (attention). */
    static double gflopPerSequence(BertConfig c, int tokens) {
        double h = c.hiddenSize();
        double perLayer = 4 * h * h + 2 * h * c.intermediateSize();
        double linear = 2 * c.numLayers() * perLayer * tokens;
        double attention = 4.0 * c.numLayers() * tokens * (double) tokens * h;
        return (linear + attention) / 1e9;
    }

    /** PyTorch's fp32 1024^3 matrix-multiply rate (GFLOP/s), median of 10 after 3 warm-ups. */
    static double gemmPeak() {
        int n = 1024;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            double seconds = median(10, () -> {
                try (NDArray c = a.matMul(b)) {
                    return c.getFloat(0, 0);
                }
            });
            return 2.0 * n * n * n / seconds / 1e9;
        }
    }

    private static EngineResult result(String engine, double latencySeconds, double sequencesPerSecond, double gflop) {
        return new EngineResult(engine, latencySeconds * 1000, sequencesPerSecond, sequencesPerSecond * gflop);
    }

    private interface Timed {
        Object call() throws Exception;

        /** A computation with a typed result. */
        interface Call<T> {
            T call() throws Exception;
        }
    }

    private static double median(int runs, Timed timed) {
        return ModelBench.median(runs, 3, timed::call);
    }

    private static long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The three int64 input tensors of one batch for ONNX Runtime; owns them. */
    private record OrtInputs(Map<String, OnnxTensor> tensors) implements AutoCloseable {

        static OrtInputs of(OrtEnvironment env, EncoderBatch batch) throws OrtException {
            long[] shape = {batch.size(), batch.length()};
            OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.inputIds()), shape);
            OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape);
            OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.tokenTypeIds()), shape);
            return new OrtInputs(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types));
        }

        float[] run(OrtSession session) throws OrtException {
            try (OrtSession.Result result = session.run(tensors)) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                FloatBuffer buffer = output.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return values;
            }
        }

        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
        }
    }
}
