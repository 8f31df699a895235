package org.cnlp.pipeline.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Optional;
import org.cnlp.pipeline.internal.Json;

/**
 * What an evaluation run reports: its name (corpus and split, e.g. "ncbi-disease dev") and the
 * NER and/or linking results. Linking may have been measured with several linkers
 * ({@code lexical}, {@code dense}, {@code hybrid}): {@code linking} is the first, and
 * {@code linkingByMethod} holds them all by name when there was more than one.
 */
public record EvaluationReport(String name, Optional<NerReport> ner, Optional<LinkingReport> linking,
        SequencedMap<String, LinkingReport> linkingByMethod) {

    public EvaluationReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ner, "ner");
        Objects.requireNonNull(linking, "linking");
        linkingByMethod = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(linkingByMethod));
    }

    public EvaluationReport(String name, Optional<NerReport> ner, Optional<LinkingReport> linking) {
        this(name, ner, linking, new LinkedHashMap<>());
    }

    /** A report of NER and, unless {@code linking} is null (not evaluated), linking. */
    public static EvaluationReport of(String name, NerReport ner, LinkingReport linking) {
        return new EvaluationReport(name, Optional.of(ner), Optional.ofNullable(linking));
    }

    /**
     * A report of NER and the linking of each named linker, in order; with one linker it is
     * {@link #of(String, NerReport, LinkingReport)}.
     */
    public static EvaluationReport compared(String name, NerReport ner, SequencedMap<String, LinkingReport> linkingByMethod) {
        if (linkingByMethod.size() <= 1) {
            return of(name, ner, linkingByMethod.isEmpty() ? null : linkingByMethod.firstEntry().getValue());
        }
        return new EvaluationReport(name, Optional.of(ner), Optional.of(linkingByMethod.firstEntry().getValue()),
                linkingByMethod);
    }

    /** The tables of the parts present, under a title line. */
    public String toTable() {
        StringBuilder out = new StringBuilder("== ").append(name).append(" ==\n");
        ner.ifPresent(report -> out.append(report.toTable()));
        if (ner.isPresent() && linking.isPresent()) {
            out.append('\n');
        }
        if (linkingByMethod.isEmpty()) {
            linking.ifPresent(report -> out.append(report.toTable()));
            return out.toString();
        }
        linkingByMethod.forEach((method, report) -> out.append("-- linking: ").append(method).append(" --\n")
                .append(report.toTable()).append('\n'));
        out.append("Linking accuracy@1 (all / reachable):");
        linkingByMethod.forEach((method, report) -> out.append(String.format(Locale.ROOT, " %s %.4f / %.4f;", method,
                report.overall().accuracy(), report.overall().reachableAccuracy())));
        return out.append('\n').toString();
    }

    /** JSON: {@code {"name", "ner": {...}, "linking": {...}}}, absent parts left out. */
    public ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("name", name);
        ner.ifPresent(report -> root.set("ner", report.toJson()));
        linking.ifPresent(report -> root.set("linking", report.toJson()));
        if (!linkingByMethod.isEmpty()) {
            ObjectNode methods = root.putObject("linkingByMethod");
            linkingByMethod.forEach((method, report) -> methods.set(method, report.toJson()));
        }
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
