package org.cnlp.pipeline.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.cnlp.pipeline.internal.Json;

/**
 * What an evaluation run reports: its name (corpus and split, e.g. "ncbi-disease dev") and the
 * NER and/or linking results.
 */
public record EvaluationReport(String name, Optional<NerReport> ner, Optional<LinkingReport> linking) {

    public EvaluationReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ner, "ner");
        Objects.requireNonNull(linking, "linking");
    }

    /** A report of NER and, unless {@code linking} is null (not evaluated), linking. */
    public static EvaluationReport of(String name, NerReport ner, LinkingReport linking) {
        return new EvaluationReport(name, Optional.of(ner), Optional.ofNullable(linking));
    }

    /** The tables of the parts present, under a title line. */
    public String toTable() {
        StringBuilder out = new StringBuilder("== ").append(name).append(" ==\n");
        ner.ifPresent(report -> out.append(report.toTable()));
        if (ner.isPresent() && linking.isPresent()) {
            out.append('\n');
        }
        linking.ifPresent(report -> out.append(report.toTable()));
        return out.toString();
    }

    /** JSON: {@code {"name", "ner": {...}, "linking": {...}}}, absent parts left out. */
    public ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("name", name);
        ner.ifPresent(report -> root.set("ner", report.toJson()));
        linking.ifPresent(report -> root.set("linking", report.toJson()));
        return root;
    }

    /** {@link #toJson()} as indented text. */
    public String toJsonString() {
        try {
            return Json.PRETTY.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a JSON tree", e);
        }
    }

    /** Writes {@link #toJson()} indented to {@code out}, which is not closed. */
    public void writeJson(OutputStream out) throws IOException {
        Json.PRETTY.writeValue(out, toJson());
    }
}
