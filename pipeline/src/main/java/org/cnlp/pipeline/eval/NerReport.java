package org.cnlp.pipeline.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.internal.TextTable;

/**
 * NER results: exact-span counts per normalised type, their micro sum and macro-averaged F1.
 *
 * @param documents documents evaluated
 * @param perType   counts per type, sorted by type name
 */
public record NerReport(int documents, SortedMap<String, PrfCounts> perType) {

    public NerReport {
        perType = Collections.unmodifiableSortedMap(new TreeMap<>(perType));
    }

    /** Counts summed over all types. */
    public PrfCounts micro() {
        return perType.values().stream().reduce(PrfCounts.ZERO, PrfCounts::plus);
    }

    /** Mean of the per-type F1 values; 0 without types. */
    public double macroF1() {
        return perType.values().stream().mapToDouble(PrfCounts::f1).average().orElse(0.0);
    }

    /** Counts of one type; zero when the type never occurred. */
    public PrfCounts counts(String type) {
        return perType.getOrDefault(type, PrfCounts.ZERO);
    }

    /** A text table: one row per type, then micro, then macro F1. */
    public String toTable() {
        TextTable table = new TextTable("type", "gold", "predicted", "tp", "fp", "fn", "precision", "recall", "f1");
        for (Map.Entry<String, PrfCounts> entry : perType.entrySet()) {
            row(table, entry.getKey(), entry.getValue());
        }
        row(table, "micro", micro());
        table.row("macro", "", "", "", "", "", "", "", macroF1());
        return "NER, exact span and type, " + documents + " documents\n" + table.render();
    }

    /** JSON: {@code {"documents", "types": {type: counts}, "micro": counts, "macroF1"}}. */
    public ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("documents", documents);
        ObjectNode types = root.putObject("types");
        perType.forEach((type, counts) -> types.set(type, json(counts)));
        root.set("micro", json(micro()));
        root.put("macroF1", macroF1());
        return root;
    }

    static ObjectNode json(PrfCounts counts) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("gold", counts.gold());
        node.put("predicted", counts.predicted());
        node.put("tp", counts.tp());
        node.put("fp", counts.fp());
        node.put("fn", counts.fn());
        node.put("precision", counts.precision());
        node.put("recall", counts.recall());
        node.put("f1", counts.f1());
        return node;
    }

    private static void row(TextTable table, String name, PrfCounts counts) {
        table.row(name, counts.gold(), counts.predicted(), counts.tp(), counts.fp(), counts.fn(),
                counts.precision(), counts.recall(), counts.f1());
    }
}
