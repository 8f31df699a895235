package org.cnlp.server.annotate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonGenerator;
import org.cnlp.pipeline.microbatch.QueueFullException;
import org.cnlp.server.internal.JsonSupport;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemJson;
import org.cnlp.server.problem.ProblemType;

/**
 * Annotates the documents of a request through the selected pipeline's micro-batcher and waits
 * for them, at most the request timeout. What the REST resources call; knows nothing of HTTP
 * beyond problem types. Thread-safe.
 */
public final class AnnotationService {

    private final PipelineRegistry registry;
    private final Duration timeout;

    public AnnotationService(PipelineRegistry registry, Duration timeout) {
        this.registry = registry;
        this.timeout = timeout;
    }

    public PipelineRegistry registry() {
        return registry;
    }

    /** One document, rendered as {@code format}. */
    public AnnotationResult annotate(AnnotateRequest request, OutputFormat format) throws ProblemException {
        ServedPipeline pipeline = registry.resolve(request.selection());
        CompletableFuture<AnnotationOutcome> future;
        try {
            future = pipeline.submit(new AnnotationTask(request.document(), format, request.include()));
        } catch (QueueFullException e) {
            throw queueFull(e);
        } catch (RejectedExecutionException e) {
            throw shuttingDown();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return switch (await(future, deadline)) {
            case AnnotationOutcome.Annotated annotated -> new AnnotationResult(pipeline.name(), request.document().id(), format,
                    annotated.body(), annotated.entities());
            case AnnotationOutcome.Failed failed -> throw new ProblemException(ProblemType.ANNOTATION_FAILED, failed.detail());
        };
    }

    /**
     * Many documents in one call: all of them are queued together (or the request is refused with
     * 429), and the response lists one result per document, in request order, each either the
     * cnlp annotation JSON or a problem of its own.
     *
     * @return the batch response JSON, UTF-8
     */
    public BatchResult annotateBatch(BatchRequest request, String requestId) throws ProblemException {
        ServedPipeline pipeline = registry.resolve(request.selection());
        List<AnnotationTask> tasks = new ArrayList<>();
        for (BatchEntry entry : request.entries()) {
            if (entry instanceof BatchEntry.Ready ready) {
                tasks.add(new AnnotationTask(ready.document(), OutputFormat.JSON, request.include()));
            }
        }
        List<CompletableFuture<AnnotationOutcome>> futures;
        try {
            futures = tasks.isEmpty() ? List.of() : pipeline.submitAll(tasks);
        } catch (QueueFullException e) {
            throw queueFull(e);
        } catch (RejectedExecutionException e) {
            throw shuttingDown();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int succeeded = 0;
        try (JsonGenerator json = JsonSupport.factory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("pipeline", pipeline.name());
            json.writeNumberField("documents", request.entries().size());
            json.writeArrayFieldStart("results");
            int next = 0;
            for (int index = 0; index < request.entries().size(); index++) {
                BatchEntry entry = request.entries().get(index);
                json.writeStartObject();
                json.writeNumberField("index", index);
                json.writeStringField("id", entry.id());
                switch (entry) {
                    case BatchEntry.Rejected rejected -> writeProblem(json, rejected.problem(), requestId);
                    case BatchEntry.Ready ignored -> {
                        try {
                            switch (await(futures.get(next++), deadline)) {
                                case AnnotationOutcome.Annotated annotated -> {
                                    json.writeNumberField("status", 200);
                                    json.writeFieldName("annotations");
                                    json.writeRawValue(new String(annotated.body(), StandardCharsets.UTF_8));
                                    succeeded++;
                                }
                                case AnnotationOutcome.Failed failed ->
                                        writeProblem(json, Problem.of(ProblemType.ANNOTATION_FAILED, failed.detail()), requestId);
                            }
                        } catch (ProblemException e) {
                            writeProblem(json, e.problem(), requestId);
                        }
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("succeeded", succeeded);
            json.writeNumberField("failed", request.entries().size() - succeeded);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch response", e);
        }
        return new BatchResult(pipeline.name(), request.entries().size(), succeeded, out.toByteArray());
    }

    private static void writeProblem(JsonGenerator json, Problem problem, String requestId) throws IOException {
        json.writeNumberField("status", problem.status());
        json.writeFieldName("problem");
        json.writeTree(ProblemJson.toTree(problem, requestId, ""));
    }

    private AnnotationOutcome await(CompletableFuture<AnnotationOutcome> future, long deadline) throws ProblemException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ProblemException(Problem.of(ProblemType.TIMEOUT, "the annotation took longer than "
                    + timeout.toMillis() + " ms (cnlp.request.timeout-ms)").withRetryAfter(Duration.ofSeconds(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw shuttingDown();
        } catch (CancellationException e) {
            throw shuttingDown();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw shuttingDown();
            }
            throw new ProblemException(ProblemType.INTERNAL_ERROR, "the pipeline failed ("
                    + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private static ProblemException queueFull(QueueFullException e) {
        return new ProblemException(Problem.of(ProblemType.QUEUE_FULL, e.getMessage() + "; retry later")
                .withRetryAfter(e.retryAfter()));
    }

    private static ProblemException shuttingDown() {
        return new ProblemException(Problem.of(ProblemType.NOT_READY, "the server is shutting down")
                .withRetryAfter(Duration.ofSeconds(5)));
    }

    /** The batch response and its counts (for logs and metrics). */
    public record BatchResult(String pipeline, int documents, int succeeded, byte[] json) {
    }
}
