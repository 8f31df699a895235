package org.cnlp.pipeline.batch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.uima.cas.CASException;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.batch.BatchFailure;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.batch.FailureStage;
import org.cnlp.pipeline.input.InputRejectedException;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.run.PipelineException;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.vqa.VqaViews;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * The work shared by the folder and the Kafka routes: read an input into documents, annotate
 * each, render its outputs in memory. Nothing is written here, so an input either yields all its
 * outputs or a single {@link BatchFailure}. Thread-safe.
 */
public final class DocumentProcessor {

    /** Reads an input into documents or says why it cannot be. */
    @FunctionalInterface
    public interface Reader {
        List<SourceDocument> read() throws InputRejectedException;
    }

    /** One document's outputs, by format. */
    public record Rendered(String id, Map<BatchFormat, byte[]> outputs) {
        public Rendered {
            outputs = Map.copyOf(outputs);
        }
    }

    /** What became of an input. */
    public sealed interface Outcome {
    }

    public record Annotated(List<Rendered> documents) implements Outcome {
        public Annotated {
            documents = List.copyOf(documents);
        }
    }

    public record Failed(BatchFailure failure) implements Outcome {
    }

    private final PipelineRunner runner;
    private final Renderer renderer;
    private final BatchCounters counters;

    public DocumentProcessor(PipelineRunner runner, Renderer renderer, BatchCounters counters) {
        this.runner = runner;
        this.renderer = renderer;
        this.counters = counters;
    }

    public Renderer renderer() {
        return renderer;
    }

    /**
     * Reads, annotates and renders. Errors of the engines, including a stack overflow or an
     * allocation too large for the heap on one document, become a failure of this input only.
     */
    public Outcome process(String source, Reader reader) {
        List<SourceDocument> documents;
        try {
            documents = reader.read();
        } catch (InputRejectedException e) {
            FailureStage stage = e.reason() == InputRejectedException.Reason.UNREADABLE ? FailureStage.READ : FailureStage.VALIDATE;
            return new Failed(new BatchFailure(source, stage, e.reason().name(), e.getMessage(), Optional.empty()));
        }
        List<Rendered> rendered = new ArrayList<>(documents.size());
        for (SourceDocument document : documents) {
            try {
                rendered.add(new Rendered(document.id(), runner.process(document, this::render)));
            } catch (PipelineException e) {
                boolean output = e.getCause() instanceof Renderer.RenderException;
                return new Failed(new BatchFailure(source, output ? FailureStage.WRITE : FailureStage.ANNOTATE,
                        output ? BatchFailure.OUTPUT_FAILED : BatchFailure.ANNOTATION_FAILED, e.getMessage(), Optional.of(document.id())));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return new Failed(new BatchFailure(source, FailureStage.ANNOTATE, BatchFailure.ANNOTATION_FAILED,
                        document.id() + ": annotation failed in pipeline '" + runner.name() + "': " + e.getClass().getSimpleName(),
                        Optional.of(document.id())));
            }
        }
        return new Annotated(rendered);
    }

    private Map<BatchFormat, byte[]> render(JCas jcas) throws Renderer.RenderException {
        for (ClinicalEntity entity : JCasUtil.select(jcas, ClinicalEntity.class)) {
            if (entity.getModelId() != null) {
                counters.modelSeen(entity.getModelId());
            }
        }
        try {
            for (VqaQuestion question : VqaViews.questions(jcas)) {
                for (VqaAnswer answer : VqaViews.answers(question)) {
                    if (answer.getModelId() != null) {
                        counters.modelSeen(answer.getModelId());
                    }
                }
            }
        } catch (CASException e) {
            throw new Renderer.RenderException("reading the question view failed", e);
        }
        return renderer.render(jcas);
    }
}
