package org.cnlp.pipeline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import org.cnlp.pipeline.io.DocumentFormatException;

/**
 * Shared Jackson setup: immutable, thread-safe readers and writers, and the translation of
 * parser errors into {@link DocumentFormatException}s that carry a location but no content.
 * Streams passed in are neither closed nor owned.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Reads one JSON value as a tree; duplicate keys and trailing tokens are errors. */
    public static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    /** Compact writer (one line). */
    public static final ObjectWriter COMPACT = MAPPER.writer();
    /** Indented writer. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    /** Node factory for building trees. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * Parses one JSON value.
     *
     * @param source name used in error messages (a file name, "request", ...)
     * @throws DocumentFormatException when the bytes are not one well-formed JSON value
     * @throws IOException             when reading the stream fails
     */
    public static JsonNode parse(InputStream in, String source) throws IOException, DocumentFormatException {
        try {
            JsonNode node = TREE_READER.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new DocumentFormatException(source + ": empty input, expected a JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e, source);
        }
    }

    /** Parses one JSON value from a string; see {@link #parse(InputStream, String)}. */
    public static JsonNode parse(String json, String source) throws DocumentFormatException {
        try {
            JsonNode node = TREE_READER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new DocumentFormatException(source + ": empty input, expected a JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e, source);
        }
    }

    private static DocumentFormatException malformed(JsonProcessingException e, String source) {
        String what = e instanceof JsonEOFException ? "unexpected end of input" : "malformed JSON";
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new DocumentFormatException(source + ": " + what + where);
    }
}
