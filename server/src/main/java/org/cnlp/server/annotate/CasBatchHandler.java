package org.cnlp.server.annotate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.io.json.CasJsonWriter.Include;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.cnlp.pipeline.run.PipelineException;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.microbatch.BatchHandler;
import org.cnlp.type.ClinicalEntity;

/**
 * Runs a batch through a UIMA pipeline one document at a time, each on a pooled CAS, and renders
 * every result before its CAS goes back to the pool. Pipelines whose engines work document by
 * document (dictionary, rules) use this; a model pipeline replaces it with a handler that runs
 * one forward pass over the whole batch. A failing document fails alone. Thread-safe.
 */
public final class CasBatchHandler implements BatchHandler<AnnotationTask, AnnotationOutcome> {

    /** Documents annotated through the REST API record this as their source. */
    public static final String SOURCE = "request";

    private final PipelineRunner runner;
    private final Map<Set<Include>, CasJsonWriter> writers = new ConcurrentHashMap<>();

    public CasBatchHandler(PipelineRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<AnnotationOutcome> process(List<AnnotationTask> batch) {
        List<AnnotationOutcome> outcomes = new ArrayList<>(batch.size());
        for (AnnotationTask task : batch) {
            outcomes.add(process(task));
        }
        return outcomes;
    }

    private AnnotationOutcome process(AnnotationTask task) {
        SourceDocument document = SourceDocument.ofText(task.document().id(), SOURCE, task.document().text());
        try {
            return runner.process(document, jcas -> render(jcas, task));
        } catch (PipelineException e) {
            return new AnnotationOutcome.Failed(e.getMessage());
        }
    }

    private AnnotationOutcome render(JCas jcas, AnnotationTask task) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, jcas.getDocumentText().length() * 2));
        switch (task.format()) {
            case JSON -> writers.computeIfAbsent(task.include(), CasJsonWriter::new).write(jcas, out);
            case XMI -> XmiIo.write(jcas, out);
        }
        return new AnnotationOutcome.Annotated(out.toByteArray(), JCasUtil.select(jcas, ClinicalEntity.class).size());
    }
}
