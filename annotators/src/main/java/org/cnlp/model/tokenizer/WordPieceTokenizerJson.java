package org.cnlp.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code tokenizer.json} of a BERT WordPiece tokenizer from a {@code vocab.txt}, the
 * way HuggingFace converts a slow {@code BertTokenizer}: BertNormalizer (clean text, Chinese
 * characters split, lower-casing and accent stripping as asked), BertPreTokenizer, WordPiece
 * with {@code ##} continuation and 100-character words, BertProcessing ({@code [CLS] A [SEP]}),
 * the special tokens as added tokens.
 */
public final class WordPieceTokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceTokenizerJson() {}

    /** Reads {@code vocab.txt} (one token per line; the line number is the id). */
    public static String fromVocabFile(Path vocabTxt, boolean lowerCase) throws IOException {
        return fromVocab(Files.readAllLines(vocabTxt, StandardCharsets.UTF_8), lowerCase);
    }

    /**
     * The tokenizer.json text for a vocabulary in id order.
     *
     * @param lowerCase lower-case and strip accents (uncased models); false keeps case (cased models)
     * @throws IllegalArgumentException when {@code [UNK]}, {@code [CLS]} or {@code [SEP]} is missing
     */
    public static String fromVocab(List<String> vocab, boolean lowerCase) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            String token = vocab.get(i).strip();
            if (!token.isEmpty()) {
                ids.put(token, i);
            }
        }
        for (String required : List.of("[UNK]", "[CLS]", "[SEP]")) {
            if (!ids.containsKey(required)) {
                throw new IllegalArgumentException("vocab.txt has no " + required + " token");
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : SPECIALS) {
            Integer id = ids.get(special);
            if (id != null) {
                added.addObject()
                        .put("id", id)
                        .put("content", special)
                        .put("single_word", false)
                        .put("lstrip", false)
                        .put("rstrip", false)
                        .put("normalized", false)
                        .put("special", true);
            }
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer");
        normalizer.put("clean_text", true);
        normalizer.put("handle_chinese_chars", true);
        normalizer.put("strip_accents", lowerCase);
        normalizer.put("lowercase", lowerCase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "BertProcessing");
        post.putArray("sep").add("[SEP]").add(ids.get("[SEP]"));
        post.putArray("cls").add("[CLS]").add(ids.get("[CLS]"));
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        ObjectNode vocabNode = model.putObject("vocab");
        ids.forEach(vocabNode::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
