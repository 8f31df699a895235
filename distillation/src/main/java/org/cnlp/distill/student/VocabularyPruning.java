package org.cnlp.distill.student;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/**
 * A smaller WordPiece vocabulary cut from a {@code tokenizer.json}: the kept tokens keep their
 * order and get consecutive ids; special tokens, every single character and every
 * {@code ##}-character are always kept, so any text still tokenizes (words made of dropped
 * pieces fall back to shorter ones). Everything else in the tokenizer (normalizer,
 * pre-tokenizer, post-processor) is kept, with its token ids remapped.
 *
 * @param tokenizerJson the pruned tokenizer
 * @param oldToNew for each old id, the new id, or -1 when dropped
 * @param newToOld for each new id, its old id (the rows to keep of the embedding matrix)
 */
public record VocabularyPruning(String tokenizerJson, int[] oldToNew, int[] newToOld) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps {@code used} (old ids seen when tokenizing the data) plus the always-kept tokens. */
    public static VocabularyPruning prune(String tokenizerJson, BitSet used) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(tokenizerJson);
            ObjectNode vocab = (ObjectNode) root.path("model").path("vocab");
            if (!"WordPiece".equals(root.path("model").path("type").asText()) || vocab.isEmpty()) {
                throw new IllegalArgumentException("vocabulary pruning needs a WordPiece tokenizer.json");
            }
            int size = 0;
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                size = Math.max(size, e.getValue().asInt() + 1);
            }
            String[] tokens = new String[size];
            vocab.properties().forEach(e -> tokens[e.getValue().asInt()] = e.getKey());
            BitSet keep = (BitSet) used.clone();
            for (JsonNode added : root.path("added_tokens")) {
                keep.set(added.path("id").asInt());
            }
            for (int id = 0; id < size; id++) {
                String t = tokens[id];
                if (t != null && (t.codePointCount(0, t.length()) == 1
                        || (t.startsWith("##") && t.codePointCount(2, t.length()) == 1))) {
                    keep.set(id);
                }
            }
            int[] oldToNew = new int[size];
            Arrays.fill(oldToNew, -1);
            int[] newToOld = new int[keep.cardinality()];
            ObjectNode newVocab = JSON.createObjectNode();
            int next = 0;
            for (int id = keep.nextSetBit(0); id >= 0 && id < size; id = keep.nextSetBit(id + 1)) {
                if (tokens[id] == null) {
                    continue;
                }
                oldToNew[id] = next;
                newToOld[next] = id;
                newVocab.put(tokens[id], next);
                next++;
            }
            newToOld = Arrays.copyOf(newToOld, next);
            ((ObjectNode) root.path("model")).set("vocab", newVocab);
            for (JsonNode added : root.path("added_tokens")) {
                ((ObjectNode) added).put("id", oldToNew[added.path("id").asInt()]);
            }
            remapPostProcessor(root.path("post_processor"), oldToNew);
            return new VocabularyPruning(JSON.writeValueAsString(root), oldToNew, newToOld);
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer.json is not valid JSON", e);
        }
    }

    /** The number of kept tokens. */
    public int size() {
        return newToOld.length;
    }

    private static void remapPostProcessor(JsonNode post, int[] oldToNew) {
        if (post == null || post.isMissingNode() || post.isNull()) {
            return;
        }
        switch (post.path("type").asText()) {
            case "BertProcessing", "RobertaProcessing" -> {
                for (String field : new String[] {"sep", "cls"}) {
                    ArrayNode pair = (ArrayNode) post.path(field);
                    pair.set(1, oldToNew[pair.get(1).asInt()]);
                }
            }
            case "TemplateProcessing" -> post.path("special_tokens").forEach(special -> {
                ArrayNode ids = (ArrayNode) special.path("ids");
                for (int i = 0; i < ids.size(); i++) {
                    ids.set(i, oldToNew[ids.get(i).asInt()]);
                }
            });
            case "Sequence" -> post.path("processors").forEach(p -> remapPostProcessor(p, oldToNew));
            default -> throw new IllegalArgumentException("unsupported post_processor " + post.path("type").asText());
        }
    }
}
