package org.cnlp.server.annotate;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.cnlp.server.batch.BatchHandler;
import org.cnlp.server.batch.BatchSettings;
import org.cnlp.server.batch.BatcherStats;
import org.cnlp.server.batch.MicroBatcher;
import org.cnlp.server.batch.QueueFullException;

/**
 * A pipeline the server runs: its description, its micro-batcher and what the batches run on.
 * Owns the batcher and the pipeline resources ({@code resources}, e.g. the {@code PipelineRunner});
 * {@link #close()} stops the batcher first, so no batch is running when the resources close.
 */
public final class ServedPipeline implements AutoCloseable {

    private final PipelineInfo info;
    private final MicroBatcher<AnnotationTask, AnnotationOutcome> batcher;
    private final Resources resources;

    /** What a pipeline's batches run on (engines, CAS pool, model), closed after the batcher. */
    @FunctionalInterface
    public interface Resources extends AutoCloseable {
        @Override
        void close();
    }

    public ServedPipeline(PipelineInfo info, BatchSettings settings, BatchHandler<AnnotationTask, AnnotationOutcome> handler,
            Resources resources) {
        this.info = info;
        this.resources = resources;
        this.batcher = new MicroBatcher<>(info.name(), settings, handler);
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
