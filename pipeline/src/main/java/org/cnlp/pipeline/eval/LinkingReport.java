package org.cnlp.pipeline.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.internal.TextTable;

/**
 * Linking results.
 *
 * @param documents       documents evaluated
 * @param skipped         gold mentions without a normalised id ({@code -1}), not evaluated
 * @param perType         counts per normalised type, sorted
 * @param unreachableIds  every gold id the index cannot reach, with the number of mentions
 *                        carrying it, sorted by id
 */
public record LinkingReport(int documents, long skipped, SortedMap<String, LinkingCounts> perType,
                            SortedMap<String, Long> unreachableIds) {

    /** How many unreachable ids {@link #toTable()} lists; the JSON lists them all. */
    public static final int TABLE_ID_LIMIT = 30;

    public LinkingReport {
        perType = Collections.unmodifiableSortedMap(new TreeMap<>(perType));
        unreachableIds = Collections.unmodifiableSortedMap(new TreeMap<>(unreachableIds));
    }

    /** Counts over all types. */
    public LinkingCounts overall() {
        return perType.values().stream().reduce(LinkingCounts.ZERO, LinkingCounts::plus);
    }

    /** Counts of one type; zero when the type never occurred. */
    public LinkingCounts counts(String type) {
        return perType.getOrDefault(type, LinkingCounts.ZERO);
    }

    /** A text table per type and overall, then the unreachable ids (at most {@value #TABLE_ID_LIMIT}). */
    public String toTable() {
        TextTable table = new TextTable("type", "mentions", "correct", "acc@1", "reachable", "correct",
                "acc@1 reachable", "unreachable", "unlinked");
        for (Map.Entry<String, LinkingCounts> entry : perType.entrySet()) {
            row(table, entry.getKey(), entry.getValue());
        }
        row(table, "all", overall());
        StringBuilder out = new StringBuilder();
        out.append("Linking accuracy@1 on gold mentions, ").append(documents).append(" documents, ")
                .append(skipped).append(" unnormalised mentions skipped\n").append(table.render());
        out.append("Unreachable gold ids: ").append(unreachableIds.size());
        int shown = 0;
        for (Map.Entry<String, Long> entry : unreachableIds.entrySet()) {
            if (shown == TABLE_ID_LIMIT) {
                out.append(", ...");
                break;
            }
            out.append(shown == 0 ? ": " : ", ").append(entry.getKey()).append(" (").append(entry.getValue()).append(')');
            shown++;
        }
        return out.append('\n').toString();
    }

    /**
     * JSON: {@code {"documents", "skippedUnnormalised", "types": {type: counts}, "overall": counts,
     * "unreachableIds": {id: mentions}}}.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("documents", documents);
        root.put("skippedUnnormalised", skipped);
        ObjectNode types = root.putObject("types");
        perType.forEach((type, counts) -> types.set(type, json(counts)));
        root.set("overall", json(overall()));
        ObjectNode ids = root.putObject("unreachableIds");
        unreachableIds.forEach(ids::put);
        return root;
    }

    private static ObjectNode json(LinkingCounts counts) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("mentions", counts.mentions());
        node.put("correct", counts.correct());
        node.put("accuracy", counts.accuracy());
        node.put("reachable", counts.reachable());
        node.put("correctReachable", counts.correctReachable());
        node.put("reachableAccuracy", counts.reachableAccuracy());
        node.put("unreachable", counts.unreachable());
        node.put("unlinked", counts.unlinked());
        return node;
    }

    private static void row(TextTable table, String name, LinkingCounts counts) {
        table.row(name, counts.mentions(), counts.correct(), counts.accuracy(), counts.reachable(),
                counts.correctReachable(), counts.reachableAccuracy(), counts.unreachable(), counts.unlinked());
    }
}
