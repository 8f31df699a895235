package org.cnlp.server.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.cnlp.annotators.ner.NerModelResource.SharedPasses;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.microbatch.BatcherStats;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.server.models.BundleManifest;
import org.cnlp.server.models.ModelStep;
import org.cnlp.server.vqa.VqaModelView;
import org.cnlp.terminology.index.IndexMetadata;

/**
 * The answer of {@code GET /models}: what is loaded (pipelines, models, terminology version),
 * how it is batched, its counters, the device and the process's memory.
 *
 * @param device   where inference runs: {@code cpu}, or {@code cpu} and the other {@code device} settings of the
 *                 served model steps, sorted ({@code cpu, cuda:0})
 * @param models   model names requests may select ({@code cnlp.models}); empty when none is configured
 * @param vqa      the VQA model {@code POST /vqa} answers with; null (absent from the JSON) when none is configured
 */
@JsonbPropertyOrder({"device", "defaultPipeline", "pipelines", "models", "vqa", "terminology", "process"})
public record ModelsReport(String device, String defaultPipeline, List<PipelineView> pipelines, List<String> models,
        VqaModelView vqa, TerminologyView terminology, ProcessView process) {

    public static final String DEVICE_CPU = "cpu";

    /**
     * One served pipeline; {@code model} is absent when no model name selects it, {@code bundles} (one per
     * model step, in step order) is empty for rule pipelines.
     */
    @JsonbPropertyOrder({"name", "description", "kind", "model", "steps", "version", "bundles", "batching", "stats", "sharedPasses"})
    public record PipelineView(String name, String description, String kind, String model, List<String> steps, String version,
            List<BundleView> bundles, BatchView batching, StatsView stats, List<SharedPassView> sharedPasses) {
    }

    /**
     * A model bundle a pipeline loaded (from its {@code bundle.json}) and the engine settings of the
     * step that runs it. {@code engine} and {@code device} are the configured settings: {@code auto}
     * on the CPU is ONNX Runtime (PyTorch when ONNX Runtime fails to start; the log says which).
     * {@code devScore} and {@code created} are absent when the manifest has none.
     */
    @JsonbPropertyOrder({"step", "id", "name", "base", "parameters", "tags", "maxLength", "dtype", "created", "devF1", "devScore",
            "bytes", "engine", "device", "batchSize"})
    public record BundleView(String step, String id, String name, String base, long parameters, List<String> tags,
            int maxLength, String dtype, String created, Map<String, Double> devF1, Double devScore, long bytes, String engine,
            String device, int batchSize) {
        static BundleView of(ModelStep step) {
            BundleManifest bundle = step.bundle();
            return new BundleView(step.step(), bundle.id(), bundle.name(), bundle.base(), bundle.parameters(), bundle.tags(),
                    bundle.maxLength(), bundle.dtype(), bundle.created(), bundle.devF1(), bundle.devScore(), bundle.bytes(),
                    step.engine(), step.device(), step.batchSize());
        }
    }

    @JsonbPropertyOrder({"maxBatchSize", "maxWaitMillis", "queueCapacity", "workers"})
    public record BatchView(int maxBatchSize, long maxWaitMillis, int queueCapacity, int workers) {
        static BatchView of(BatchSettings settings) {
            return new BatchView(settings.maxBatchSize(), settings.maxWait().toMillis(), settings.queueCapacity(), settings.workers());
        }
    }

    /**
     * A model step's shared forward passes: their size limit and wait, the sequences and passes so
     * far, and the sequences that ran on their caller's own pass (queue full, or their shared pass failed).
     */
    @JsonbPropertyOrder({"maxSequences", "maxWaitMillis", "sequences", "passes", "meanPassSize", "largestPass", "queued", "direct"})
    public record SharedPassView(int maxSequences, long maxWaitMillis, long sequences, long passes, double meanPassSize,
            int largestPass, int queued, long direct) {
        static SharedPassView of(SharedPasses shared) {
            BatcherStats stats = shared.stats();
            return new SharedPassView(shared.settings().maxBatchSize(), shared.settings().maxWait().toMillis(), stats.processed(),
                    stats.batches(), Math.round(stats.meanBatchSize() * 100) / 100.0, stats.largestBatch(), stats.queued(),
                    shared.directSequences());
        }
    }

    @JsonbPropertyOrder({"accepted", "rejected", "processed", "failed", "batches", "meanBatchSize", "largestBatch", "queued"})
    public record StatsView(long accepted, long rejected, long processed, long failed, long batches, double meanBatchSize,
            int largestBatch, int queued) {
        static StatsView of(BatcherStats stats) {
            return new StatsView(stats.accepted(), stats.rejected(), stats.processed(), stats.failed(), stats.batches(),
                    Math.round(stats.meanBatchSize() * 100) / 100.0, stats.largestBatch(), stats.queued());
        }
    }

    @JsonbPropertyOrder({"formatVersion", "builtAt", "luceneVersion", "concepts", "names", "conceptsBySource"})
    public record TerminologyView(int formatVersion, String builtAt, String luceneVersion, int concepts, int names,
            Map<String, Integer> conceptsBySource) {
        static TerminologyView of(IndexMetadata metadata) {
            return new TerminologyView(metadata.formatVersion(), metadata.builtAt().toString(), metadata.luceneVersion(),
                    metadata.concepts(), metadata.names(), metadata.conceptsBySource());
        }
    }

    /**
     * @param rssBytes  resident memory of the server process, -1 where the OS does not say
     * @param cpuMillis CPU time the process has used (all threads), -1 where the JVM does not say
     */
    @JsonbPropertyOrder({"rssBytes", "heapUsedBytes", "heapMaxBytes", "cpuMillis", "availableProcessors", "java", "uptimeSeconds"})
    public record ProcessView(long rssBytes, long heapUsedBytes, long heapMaxBytes, long cpuMillis, int availableProcessors,
            String java, long uptimeSeconds) {
        static ProcessView current() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new ProcessView(residentBytes().orElse(-1), heap.getUsed(), heap.getMax(), cpuMillis,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version().toString(), ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        }
    }

    public static ModelsReport of(Services services) {
        List<ServedPipeline> served = services.registry().pipelines();
        List<PipelineView> pipelines = served.stream().map(ModelsReport::view).toList();
        return new ModelsReport(device(served), services.registry().defaultPipeline(), pipelines,
                services.registry().modelNames(), services.vqa().view().orElse(null),
                TerminologyView.of(services.index().metadata()), ProcessView.current());
    }

    private static PipelineView view(ServedPipeline pipeline) {
        var info = pipeline.info();
        return new PipelineView(info.name(), info.description(), info.kind(), info.model().orElse(null), info.steps(),
                info.version(), info.modelSteps().stream().map(BundleView::of).toList(), BatchView.of(pipeline.batchSettings()),
                StatsView.of(pipeline.stats()), pipeline.sharedPasses().stream().map(SharedPassView::of).toList());
    }

    /** {@code cpu} unless a model step is configured for another device. */
    static String device(List<ServedPipeline> pipelines) {
        Set<String> devices = new TreeSet<>();
        for (ServedPipeline pipeline : pipelines) {
            pipeline.info().modelSteps().forEach(step -> devices.add(step.device().strip().toLowerCase(Locale.ROOT)));
        }
        devices.add(DEVICE_CPU);
        return devices.size() == 1 ? DEVICE_CPU : String.join(", ", devices);
    }

    /** VmRSS from /proc/self/status (Linux). */
    static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
