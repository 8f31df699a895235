package org.cnlp.server.annotate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.cnlp.annotators.ner.NerModelResource.SharedPasses;

import org.cnlp.pipeline.microbatch.BatchHandler;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.microbatch.BatcherStats;
import org.cnlp.pipeline.microbatch.MicroBatcher;
import org.cnlp.pipeline.microbatch.QueueFullException;

/**
 * A pipeline the server runs: its description, its micro-batcher and what the batches run on.
 * Owns the batcher and the pipeline resources ({@code resources}, e.g. the {@code PipelineRunner});
 * {@link #close()} stops the batcher first, so no batch is running when the resources close.
 */
public final class ServedPipeline implements AutoCloseable {

    private final PipelineInfo info;
    private final MicroBatcher<AnnotationTask, AnnotationOutcome> batcher;
    private final Resources resources;
    private final Supplier<List<SharedPasses>> sharedPasses;

    /** What a pipeline's batches run on (engines, CAS pool, model), closed after the batcher. */
    @FunctionalInterface
    public interface Resources extends AutoCloseable {
        @Override
        void close();
    }

    public ServedPipeline(PipelineInfo info, BatchSettings settings, BatchHandler<AnnotationTask, AnnotationOutcome> handler,
            Resources resources) {
        this(info, settings, handler, resources, List::of);
    }

    /**
     * @param sharedPasses the shared forward passes of the pipeline's model steps, read when reported
     */
    public ServedPipeline(PipelineInfo info, BatchSettings settings, BatchHandler<AnnotationTask, AnnotationOutcome> handler,
            Resources resources, Supplier<List<SharedPasses>> sharedPasses) {
        this.info = info;
        this.resources = resources;
        this.sharedPasses = sharedPasses;
        this.batcher = new MicroBatcher<>(info.name(), settings, handler);
    }

    /** How the model steps merge concurrent documents' forwards, and their counters; empty for rule pipelines. */
    public List<SharedPasses> sharedPasses() {
        return sharedPasses.get();
    }

    public PipelineInfo info() {
        return info;
    }

    public String name() {
        return info.name();
    }

    public BatchSettings batchSettings() {
        return batcher.settings();
    }

    public BatcherStats stats() {
        return batcher.stats();
    }

    public CompletableFuture<AnnotationOutcome> submit(AnnotationTask task) throws QueueFullException {
        return batcher.submit(task);
    }

    public List<CompletableFuture<AnnotationOutcome>> submitAll(List<AnnotationTask> tasks) throws QueueFullException {
        return batcher.submitAll(tasks);
    }

    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            resources.close();
        }
    }
}
