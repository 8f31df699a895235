package org.cnlp.server.annotate;

import java.util.Set;

import org.cnlp.pipeline.io.json.CasJsonWriter.Include;

/** One document queued for a pipeline, with how its result is to be rendered. */
public record AnnotationTask(DocumentInput document, OutputFormat format, Set<Include> include) {

    public AnnotationTask {
        include = Set.copyOf(include);
    }
}
