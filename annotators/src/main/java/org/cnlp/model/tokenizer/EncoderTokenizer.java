package org.cnlp.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} tokenizer (DJL's native binding) with explicit settings:
 * truncation as configured, no padding (batches pad themselves), special tokens as configured.
 * Token spans are converted to UTF-16 offsets of the input {@code String}.
 *
 * <p>Thread-safe: the native tokenizer is immutable once built. Owns a native handle: close it.
 */
public final class EncoderTokenizer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerSettings settings;
    private final long padId;
    private final String json;

    private EncoderTokenizer(HuggingFaceTokenizer tokenizer, TokenizerSettings settings, long padId, String json) {
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.padId = padId;
        this.json = json;
    }

    /**
     * A tokenizer from the text of a {@code tokenizer.json}.
     *
     * @throws IllegalArgumentException when the JSON is not a tokenizer definition
     */
    public static EncoderTokenizer fromJson(String tokenizerJson, TokenizerSettings settings) {
        long padId = padId(tokenizerJson);
        Map<String, String> options = Map.of(
                "addSpecialTokens", Boolean.toString(settings.addSpecialTokens()),
                "truncation", settings.truncate() ? "LONGEST_FIRST" : "DO_NOT_TRUNCATE",
                "padding", "DO_NOT_PAD",
                "maxLength", Integer.toString(settings.maxLength()),
                "modelMaxLength", Integer.toString(settings.maxLength()),
                "stride", "0",
                "withOverflowingTokens", "false");
        try {
            HuggingFaceTokenizer handle = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)), options);
            return new EncoderTokenizer(handle, settings, padId, tokenizerJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a usable tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** A tokenizer from a {@code tokenizer.json} file. */
    public static EncoderTokenizer fromFile(Path tokenizerJson, TokenizerSettings settings) throws IOException {
        return fromJson(Files.readString(tokenizerJson, StandardCharsets.UTF_8), settings);
    }

    /** The settings this tokenizer was built with. */
    public TokenizerSettings settings() {
        return settings;
    }

    /** The id batches pad with. */
    public long padId() {
        return padId;
    }

    /** The {@code tokenizer.json} text this tokenizer was built from (for model bundles). */
    public String json() {
        return json;
    }

    /** Tokenizes one text. */
    public TokenSequence encode(String text) {
        Encoding encoding = tokenizer.encode(text, settings.addSpecialTokens(), false);
        return convert(text, encoding);
    }

    /** Tokenizes texts (in parallel inside the native library), in order. */
    public List<TokenSequence> encode(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new), settings.addSpecialTokens(), false);
        List<TokenSequence> out = new ArrayList<>(encodings.length);
        for (int i = 0; i < encodings.length; i++) {
            out.add(convert(texts.get(i), encodings[i]));
        }
        return out;
    }

    /** The token strings of a text, for inspection and tests. */
    public List<String> tokens(String text) {
        return List.of(tokenizer.encode(text, settings.addSpecialTokens(), false).getTokens());
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static TokenSequence convert(String text, Encoding encoding) {
        long[] ids = encoding.getIds();
        long[] typeIds = encoding.getTypeIds();
        long[] words = encoding.getWordIds();
        long[] specialMask = encoding.getSpecialTokenMask();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int n = ids.length;
        int[] wordIds = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[] special = new boolean[n];
        OffsetMap offsets = OffsetMap.of(text);
        for (int i = 0; i < n; i++) {
            special[i] = specialMask[i] != 0;
            CharSpan span = spans[i];
            if (special[i] || span == null) {
                wordIds[i] = -1;
                starts[i] = -1;
                ends[i] = -1;
            } else {
                wordIds[i] = (int) words[i];
                starts[i] = offsets.toUtf16(span.getStart());
                ends[i] = offsets.toUtf16(span.getEnd());
            }
        }
        return new TokenSequence(ids, typeIds, wordIds, starts, ends, special);
    }

    private static long padId(String tokenizerJson) {
        JsonNode root;
        try {
            root = JSON.readTree(tokenizerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("model").isObject()) {
            throw new IllegalArgumentException("tokenizer.json has no model");
        }
        JsonNode padding = root.path("padding");
        if (padding.has("pad_id")) {
            return padding.get("pad_id").asLong();
        }
        String padToken = padding.path("pad_token").asText("[PAD]");
        for (JsonNode added : root.path("added_tokens")) {
            if (padToken.equals(added.path("content").asText())) {
                return added.path("id").asLong();
            }
        }
        JsonNode id = root.path("model").path("vocab").path(padToken);
        return id.isNumber() ? id.asLong() : 0;
    }

    /**
     * Converts the tokenizer's offsets, counted in Unicode code points, to UTF-16 indices. The
     * identity when the text has no supplementary characters.
     */
    private record OffsetMap(int[] utf16OfCodePoint) {

        static OffsetMap of(String text) {
            int codePoints = text.codePointCount(0, text.length());
            if (codePoints == text.length()) {
                return new OffsetMap(null);
            }
            int[] map = new int[codePoints + 1];
            int index = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                map[cp] = index;
                index += Character.charCount(text.codePointAt(index));
            }
            map[codePoints] = index;
            return new OffsetMap(map);
        }

        int toUtf16(int codePointOffset) {
            if (utf16OfCodePoint == null) {
                return codePointOffset;
            }
            return utf16OfCodePoint[Math.min(codePointOffset, utf16OfCodePoint.length - 1)];
        }
    }
}
