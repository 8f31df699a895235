package org.cnlp.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cnlp.model.bench.ModelBench;
import org.cnlp.model.ner.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cnlp bench model}: a trained NER bundle's classifier through DJL PyTorch and through
 * ONNX Runtime on the same weights in one run ({@link ModelBench}).
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Benchmarks a model bundle on the CPU through DJL PyTorch and ONNX Runtime,",
                "on the same weights in one run: batch-1 latency and batch throughput at a fixed",
                "sequence length (real tokens, no padding), each engine's fp32 1024^3 matrix-multiply",
                "peak, achieved GFLOP/s, and the largest logit difference between the engines.",
                "The annotators run ONNX Runtime by default on the CPU (engine auto)."})
final class ModelBenchCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "Folder of the model bundle.")
    Path bundle;

    @Option(names = "--json", description = "Also write the result as JSON to this file.")
    Path json;

    @Option(names = "--sequence", defaultValue = "128", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int sequence;

    @Option(names = "--batch", defaultValue = "32", description = "Throughput batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--latency-runs", defaultValue = "10",
            description = "Timed batch-1 forwards per engine (default: ${DEFAULT-VALUE}).")
    int latencyRuns;

    @Option(names = "--throughput-runs", defaultValue = "3",
            description = "Timed batch forwards per engine (default: ${DEFAULT-VALUE}).")
    int throughputRuns;

    @Option(names = "--threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads, 0 for its default (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        ModelBench.Settings settings = new ModelBench.Settings(sequence, batch, latencyRuns, throughputRuns,
                ModelBench.Settings.defaults().warmupRuns(), threads);
        ModelBundle model = ModelBundle.open(bundle);
        System.err.printf("cnlp bench model: %s (%s), %s %s%n", model.id(), bundle, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        ModelBench.Result result = ModelBench.run(model, settings);
        System.out.print(result.toTable());
        if (json != null) {
            AtomicFiles.write(json, (result.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            System.err.println("wrote " + json);
        }
        return 0;
    }
}
