package org.cnlp.server.annotate;

import org.cnlp.server.problem.Problem;

/** One document of a batch request: ready to annotate, or rejected on its own with a problem. */
public sealed interface BatchEntry {

    String id();

    record Ready(DocumentInput document) implements BatchEntry {
        @Override
        public String id() {
            return document.id();
        }
    }

    record Rejected(String id, Problem problem) implements BatchEntry {
    }
}
