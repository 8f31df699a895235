package org.cnlp.terminology.dense;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Collectors;
import org.cnlp.terminology.index.TerminologyIndexException;

/**
 * What a dense folder holds, written as {@value #FILE_NAME} once its vectors are complete.
 *
 * @param modelId          the {@link TextEmbedder#modelId()} that embedded the names
 * @param dimension        the vector length
 * @param vectors          the number of embedded names
 * @param concepts         the number of concepts they belong to
 * @param terminologyBuilt the build time of the terminology index the names came from; a dense
 *                         folder of another build is stale
 * @param builtAt          when the vectors were written
 */
public record DenseMetadata(String modelId, int dimension, int vectors, int concepts, Instant terminologyBuilt,
        Instant builtAt) {

    /** The metadata file in a dense folder. */
    public static final String FILE_NAME = "cnlp-dense.properties";
    /** The layout written and read by this version. */
    public static final int FORMAT_VERSION = 1;

    void write(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        properties.setProperty("model", modelId);
        properties.setProperty("dimension", Integer.toString(dimension));
        properties.setProperty("vectors", Integer.toString(vectors));
        properties.setProperty("concepts", Integer.toString(concepts));
        properties.setProperty("terminology.built.at", terminologyBuilt.toString());
        properties.setProperty("built.at", builtAt.toString());
        StringWriter text = new StringWriter();
        properties.store(text, null);
        String sorted = text.toString().lines().filter(line -> !line.startsWith("#")).sorted()
                .collect(Collectors.joining("\n", "# cnlp dense concept vectors\n", "\n"));
        Files.writeString(dir.resolve(FILE_NAME), sorted, StandardCharsets.UTF_8);
    }

    static DenseMetadata read(Path dir) throws TerminologyIndexException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new TerminologyIndexException("No concept vectors in " + dir + ": " + FILE_NAME
                    + " is missing. Build them with 'cnlp terminology embed'.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new TerminologyIndexException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            int version = Integer.parseInt(properties.getProperty("format.version", "-1"));
            if (version != FORMAT_VERSION) {
                throw new TerminologyIndexException(file + " has format version " + version + ", this build reads "
                        + FORMAT_VERSION + ". Rebuild with 'cnlp terminology embed'.");
            }
            return new DenseMetadata(required(properties, "model", file),
                    Integer.parseInt(required(properties, "dimension", file)),
                    Integer.parseInt(required(properties, "vectors", file)),
                    Integer.parseInt(required(properties, "concepts", file)),
                    Instant.parse(required(properties, "terminology.built.at", file)),
                    Instant.parse(required(properties, "built.at", file)));
        } catch (RuntimeException e) {
            throw new TerminologyIndexException(file + " is damaged (" + e.getMessage()
                    + "). Rebuild with 'cnlp terminology embed'.", e);
        }
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no '" + key + "' in " + file);
        }
        return value;
    }
}
