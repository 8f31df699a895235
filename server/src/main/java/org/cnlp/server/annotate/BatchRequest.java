package org.cnlp.server.annotate;

import java.util.List;
import java.util.Set;

import org.cnlp.pipeline.io.json.CasJsonWriter.Include;

/** A parsed {@code POST /annotate/batch}: the documents in request order and what to run on all of them. */
public record BatchRequest(List<BatchEntry> entries, Selection selection, Set<Include> include) {

    public BatchRequest {
        entries = List.copyOf(entries);
        include = Set.copyOf(include);
    }
}
