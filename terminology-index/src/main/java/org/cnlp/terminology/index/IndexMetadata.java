package org.cnlp.terminology.index;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an index folder holds, written as {@value #FILE_NAME} beside the Lucene files once the index is
 * complete, and checked by {@link TerminologyIndex#open}.
 *
 * @param formatVersion    the layout version ({@link #FORMAT_VERSION} for indexes this code writes)
 * @param builtAt          when the index was written
 * @param luceneVersion    the Lucene version that wrote it
 * @param concepts         number of concepts
 * @param names            number of distinct normalised names over all concepts
 * @param conceptsBySource number of concepts per {@code Concept.source()}
 * @param provenance       free-text description of each source (files, releases), by source
 */
public record IndexMetadata(int formatVersion, Instant builtAt, String luceneVersion, int concepts, int names,
        Map<String, Integer> conceptsBySource, Map<String, String> provenance) {

    /** Name of the metadata file in an index folder. */
    public static final String FILE_NAME = "cnlp-terminology.properties";
    /** The index layout written and read by this version. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT_KEY = "format";
    private static final String FORMAT_NAME = "cnlp-terminology-index";

    public IndexMetadata {
        conceptsBySource = Map.copyOf(conceptsBySource);
        provenance = Map.copyOf(provenance);
    }

    void write(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(FORMAT_KEY, FORMAT_NAME);
        properties.setProperty("format.version", Integer.toString(formatVersion));
        properties.setProperty("built.at", builtAt.toString());
        properties.setProperty("lucene.version", luceneVersion);
        properties.setProperty("concepts", Integer.toString(concepts));
        properties.setProperty("names", Integer.toString(names));
        conceptsBySource.forEach((source, count) -> properties.setProperty("concepts." + source, count.toString()));
        provenance.forEach((source, text) -> properties.setProperty("provenance." + source, text));
        StringWriter text = new StringWriter();
        properties.store(text, null);
        String sorted = text.toString().lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "# cnlp terminology index\n", "\n"));
        Files.writeString(dir.resolve(FILE_NAME), sorted, StandardCharsets.UTF_8);
    }

    /** Reads the metadata of the index in {@code dir}; fails when it is missing, unreadable or of another format version. */
    public static IndexMetadata read(Path dir) throws TerminologyIndexException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new TerminologyIndexException("No terminology index in " + dir + ": " + FILE_NAME
                    + " is missing (the folder is not an index, or its build did not finish). "
                    + "Build one with 'cnlp terminology build'.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new TerminologyIndexException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT_NAME.equals(properties.getProperty(FORMAT_KEY))) {
            throw new TerminologyIndexException(file + " does not describe a cnlp terminology index");
        }
        int version = intValue(properties, "format.version", file);
        if (version != FORMAT_VERSION) {
            throw new TerminologyIndexException("The terminology index in " + dir + " has format version " + version
                    + " but this cnlp reads version " + FORMAT_VERSION + ". Rebuild it with 'cnlp terminology build'.");
        }
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, String> provenance = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("concepts.")) {
                bySource.put(key.substring("concepts.".length()), intValue(properties, key, file));
            } else if (key.startsWith("provenance.")) {
                provenance.put(key.substring("provenance.".length()), properties.getProperty(key));
            }
        }
        Instant builtAt;
        try {
            builtAt = Instant.parse(properties.getProperty("built.at", ""));
        } catch (DateTimeParseException e) {
            throw new TerminologyIndexException(file + ": invalid built.at", e);
        }
        return new IndexMetadata(version, builtAt, properties.getProperty("lucene.version", ""),
                intValue(properties, "concepts", file), intValue(properties, "names", file), bySource, provenance);
    }

    private static int intValue(Properties properties, String key, Path file) throws TerminologyIndexException {
        String value = properties.getProperty(key);
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new TerminologyIndexException(file + ": '" + key + "' is missing or not a number", e);
        }
    }
}
