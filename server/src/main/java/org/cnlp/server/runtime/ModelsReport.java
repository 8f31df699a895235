package org.cnlp.server.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.server.batch.BatchSettings;
import org.cnlp.server.batch.BatcherStats;
import org.cnlp.terminology.index.IndexMetadata;

/**
 * The answer of {@code GET /models}: what is loaded (pipelines, models, terminology version),
 * how it is batched, its counters, the device and the process's memory.
 *
 * @param device   where inference runs ({@code cpu}; GPU once model pipelines can use one)
 * @param models   model names requests may select; empty until transformer models are installed
 */
@JsonbPropertyOrder({"device", "defaultPipeline", "pipelines", "models", "terminology", "process"})
public record ModelsReport(String device, String defaultPipeline, List<PipelineView> pipelines, List<String> models,
        TerminologyView terminology, ProcessView process) {

    public static final String DEVICE_CPU = "cpu";

    /** One served pipeline; {@code model} is absent for rule pipelines. */
    @JsonbPropertyOrder({"name", "description", "kind", "model", "steps", "version", "batching", "stats"})
    public record PipelineView(String name, String description, String kind, String model, List<String> steps, String version,
            BatchView batching, StatsView stats) {
    }

    @JsonbPropertyOrder({"maxBatchSize", "maxWaitMillis", "queueCapacity", "workers"})
    public record BatchView(int maxBatchSize, long maxWaitMillis, int queueCapacity, int workers) {
        static BatchView of(BatchSettings settings) {
            return new BatchView(settings.maxBatchSize(), settings.maxWait().toMillis(), settings.queueCapacity(), settings.workers());
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
        List<PipelineView> pipelines = services.registry().pipelines().stream().map(ModelsReport::view).toList();
        return new ModelsReport(DEVICE_CPU, services.registry().defaultPipeline(), pipelines, services.registry().modelNames(),
                TerminologyView.of(services.index().metadata()), ProcessView.current());
    }

    private static PipelineView view(ServedPipeline pipeline) {
        var info = pipeline.info();
        return new PipelineView(info.name(), info.description(), info.kind(), info.model().orElse(null), info.steps(),
                info.version(), BatchView.of(pipeline.batchSettings()), StatsView.of(pipeline.stats()));
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
