package org.cnlp.server.annotate;

import java.util.Set;

import org.cnlp.pipeline.io.json.CasJsonWriter.Include;

/** A parsed {@code POST /annotate}: one document, what to run and which optional JSON parts to include. */
public record AnnotateRequest(DocumentInput document, Selection selection, Set<Include> include) {

    public AnnotateRequest {
        include = Set.copyOf(include);
    }
}
